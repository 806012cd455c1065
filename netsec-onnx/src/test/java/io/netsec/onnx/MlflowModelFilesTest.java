package io.netsec.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.core.Detector;
import io.netsec.core.bundle.BundleJson;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.Dataset;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.transform.TransformOptions;
import io.netsec.ingestion.synthetic.SyntheticData;
import io.netsec.training.BundleFinish;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLflow Model files of a bundle: what MLflow reads from them (flavors, the pyfunc loader,
 * the signature from the schema, the examples, the requirements), the same bytes for the same
 * bundle, and the bundle written without them, with one line of warning, when ONNX cannot
 * express its transformation. That MLflow loads them and answers as netsec does is checked from
 * Python by scripts/check_mlflow_model.py (scripts/test.sh).
 */
class MlflowModelFilesTest {

    @TempDir
    static Path dir;

    private static LoadedSchema schema;
    private static Dataset data;
    private static ModelBundle bundle;

    @BeforeAll
    static void trainASmallModel() throws Exception {
        schema = SchemaLoader.load(Path.of(MlflowModelFilesTest.class.getResource("/network_traffic_nullable.yaml").toURI()));
        Path csv = dir.resolve("traffic.csv");
        SyntheticData.of(schema.schema(), 5).withMissingRate(0.1).write(400, csv);
        data = TrainedBundles.read(csv, schema);
        bundle = TrainedBundles.train(data, schema, "j48", TransformOptions.DEFAULTS);
    }

    @Test
    void theBundleCarriesTheMlflowModelFilesAsFormatVersion3() throws Exception {
        List<String> warnings = new ArrayList<>();
        BundleFinish finish = MlflowModelFiles::attach; // what the command line and the API hand to training
        ModelBundle attached = finish.apply(bundle, warnings::add);
        assertEquals(List.of(), warnings);
        assertEquals(5, bundle.manifest().formatVersion(), "a trained bundle holds its reference: version 5");
        assertEquals(5, attached.manifest().formatVersion(), "files attached to a version 5 bundle keep its version");
        assertEquals(List.of("MLmodel", "model.onnx", "code/netsec_onnx_pyfunc.py", "requirements.txt", "python_env.yaml",
                "conda.yaml", "input_example.json", "serving_input_example.json"), attached.attached().names());
        assertArrayEquals(OnnxExport.of(bundle).bytes(), attached.attached().bytes("model.onnx"));
        assertEquals(MlflowModelFiles.of(bundle), MlflowModelFiles.of(bundle), "the same bundle, the same bytes");

        Path folder = dir.resolve("model");
        attached.writeTo(folder);
        ModelBundle loaded = ModelBundle.load(folder);
        assertEquals(attached.attached(), loaded.attached());
        assertTrue(Files.isRegularFile(folder.resolve("code").resolve("netsec_onnx_pyfunc.py")));
        Map<String, String> record = new HashMap<>(Map.of("duration", "12.5", "protocol_type", "tcp", "service", "service_1",
                "src_bytes", "100", "dst_bytes", "200", "flag", "SF", "srv_error_rate", "0.1"));
        assertEquals(Detector.of(bundle).score(record).probability(), Detector.of(loaded).score(record).probability(),
                "the files change nothing netsec scores");
    }

    @Test
    void mlmodelHasBothFlavorsTheLoaderAndNoServerIds() {
        String mlmodel = text(MlflowModelFiles.of(bundle).bytes("MLmodel"));
        assertTrue(mlmodel.startsWith("flavors:\n  onnx:\n    code: null\n    data: model.onnx\n"), mlmodel);
        assertTrue(mlmodel.contains("    onnx_session_options:\n      intra_op_num_threads: 1\n"), mlmodel);
        assertTrue(mlmodel.contains("  python_function:\n    code: code\n    data: model.onnx\n    env:\n"
                + "      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: netsec_onnx_pyfunc\n"), mlmodel);
        assertTrue(mlmodel.contains("\nmodel_id: null\n"), mlmodel);
        assertFalse(mlmodel.contains("run_id"), "no server's id: the local and the uploaded bundle are the same bytes");
        String created = bundle.manifest().createdAt(); // 2026-12-07T18:33:28Z
        assertTrue(mlmodel.endsWith("utc_time_created: '" + created.substring(0, 10) + " " + created.substring(11, 19)
                + ".000000'\n"), mlmodel);
        String loader = text(MlflowModelFiles.of(bundle).bytes("code/netsec_onnx_pyfunc.py"));
        assertTrue(loader.contains("def _load_pyfunc(path):"), loader);
        assertTrue(loader.contains("options.intra_op_num_threads = 1"), loader);
    }

    @Test
    void theSignatureComesFromTheSchema() throws Exception {
        String mlmodel = text(MlflowModelFiles.of(bundle).bytes("MLmodel"));
        JsonNode inputs = BundleJson.MAPPER.readTree(yamlQuoted(mlmodel, "  inputs: "));
        // every column of this schema is nullable: not required; a nullable integer is double (MLflow
        // refuses a missing value in a long column), the loader gives the graph int64 either way
        assertEquals(BundleJson.MAPPER.readTree("""
                [{"type":"double","name":"duration","required":false},
                 {"type":"string","name":"protocol_type","required":false},
                 {"type":"string","name":"service","required":false},
                 {"type":"double","name":"src_bytes","required":false},
                 {"type":"double","name":"dst_bytes","required":false},
                 {"type":"string","name":"flag","required":false},
                 {"type":"double","name":"srv_error_rate","required":false}]"""), inputs);
        JsonNode outputs = BundleJson.MAPPER.readTree(yamlQuoted(mlmodel, "  outputs: "));
        assertEquals(BundleJson.MAPPER.readTree("""
                [{"type":"double","name":"threat_probability","required":true},
                 {"type":"string","name":"label","required":true},
                 {"type":"double","name":"probability_benign","required":true},
                 {"type":"double","name":"probability_threat","required":true}]"""), outputs);

        LoadedSchema phishing = TrainedBundles.schema("data_schema/phishing.yaml");
        ModelBundle strict = new ModelBundle(bundle.manifest(), phishing, bundle.model());
        JsonNode required = MlflowModelFiles.inputs(strict);
        assertEquals(30, required.size());
        for (JsonNode input : required) {
            assertEquals("long", input.get("type").asText(), input.toString());
            assertTrue(input.get("required").asBoolean(), input.toString());
        }
    }

    @Test
    void theInputExampleIsOneRecordNetsecScores() throws Exception {
        ModelBundle attached = bundle.withAttached(MlflowModelFiles.of(bundle));
        JsonNode example = BundleJson.MAPPER.readTree(attached.attached().bytes("input_example.json"));
        JsonNode serving = BundleJson.MAPPER.readTree(attached.attached().bytes("serving_input_example.json"));
        assertEquals(example, serving.get("dataframe_split"));
        List<String> columns = new ArrayList<>();
        example.get("columns").forEach(column -> columns.add(column.asText()));
        assertEquals(schema.schema().features().stream().map(c -> c.name()).toList(), columns);
        JsonNode row = example.get("data").get(0);
        assertTrue(List.of("tcp", "udp", "icmp").contains(row.get(1).asText()), row.toString());
        assertTrue(row.get(3).isIntegralNumber() && row.get(3).asLong() >= 0 && row.get(3).asLong() <= 1_000_000, row.toString());
        Map<String, Object> record = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            JsonNode value = row.get(c);
            record.put(columns.get(c), value.isTextual() ? value.asText() : value.numberValue());
        }
        double probability = Detector.of(bundle).score(record).probability(); // refused if outside the schema
        assertTrue(probability >= 0 && probability <= 1);
    }

    @Test
    void theRequirementsPinWhatTheCheckRunsWith() {
        var files = MlflowModelFiles.of(bundle);
        assertEquals("mlflow==3.17.2\nnumpy==2.4.6\nonnx==1.23.2\nonnxruntime==1.32.0\npandas==3.1.1\n",
                text(files.bytes("requirements.txt")));
        assertTrue(text(files.bytes("python_env.yaml")).startsWith("python: 3.11.7\n"));
        assertTrue(text(files.bytes("conda.yaml")).contains("  - onnxruntime==1.32.0\n"));
    }

    @Test
    void aBundleOnnxCannotExpressIsWrittenWithoutTheFilesAndOneLineOfWarning() {
        TransformOptions knn = TransformOptions.DEFAULTS.withImputation(TransformOptions.Imputation.KNN,
                TransformOptions.Imputation.KNN);
        ModelBundle imputedByNeighbours = TrainedBundles.train(data, schema, "j48", knn);
        List<String> warnings = new ArrayList<>();
        ModelBundle finished = MlflowModelFiles.attach(imputedByNeighbours, warnings::add);
        assertSame(imputedByNeighbours, finished);
        assertEquals(5, finished.manifest().formatVersion(), "no files, a reference: version 5");
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("warning: the bundle is written without the MLflow Model files"), warnings.get(0));
        assertTrue(warnings.get(0).contains("k nearest neighbours"), warnings.get(0));
        assertFalse(warnings.get(0).contains("\n"), warnings.get(0));
    }

    /** The single-quoted YAML scalar after {@code key} on its line, unquoted. */
    private static String yamlQuoted(String yaml, String key) {
        int start = yaml.indexOf("\n" + key) + key.length() + 1;
        String line = yaml.substring(start, yaml.indexOf('\n', start));
        assertTrue(line.startsWith("'") && line.endsWith("'"), line);
        return line.substring(1, line.length() - 1).replace("''", "'");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
