package io.netsec.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import io.netsec.core.testing.TinyModels;
import io.netsec.core.transform.FittedColumn;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.KnnImputer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming readers of bundle files against the mapper that writes them: the same records, field by field. */
class BundleFilesTest {

    private static final Random RANDOM = new Random(7);

    @TempDir
    Path dir;

    @Test
    void readsBackEveryManifestFieldItWrites() throws Exception {
        BundleManifest manifest = richManifest();
        byte[] written = BundleFiles.manifestJson(manifest);
        BundleManifest read = BundleFiles.manifest(written);
        assertEquals(new String(written, StandardCharsets.UTF_8), new String(BundleFiles.manifestJson(read), StandardCharsets.UTF_8));
        assertEquals(new String(written, StandardCharsets.UTF_8),
                new String(BundleFiles.manifestJson(BundleFiles.manifest(compact(manifest))), StandardCharsets.UTF_8));
        assertTrue(Double.isNaN(read.transform().knnReference().reference()[1][1]));
        assertEquals(manifest.model().parameters(), read.model().parameters()); // int, long, big integer, double, text, list, map
        assertEquals(manifest.metrics().test(), read.metrics().test());
        assertTrue(Double.isNaN(read.metrics().test().rocAuc()), "a figure with no value stays NaN");
        assertEquals(manifest.metrics().testCi95(), read.metrics().testCi95());
        assertEquals(manifest.metrics().testCurves(), read.metrics().testCurves());
        assertEquals(List.copyOf(manifest.metrics().featureImportance().keySet()),
                List.copyOf(read.metrics().featureImportance().keySet()), "in the order written: largest first");
        assertEquals(manifest.training().data(), read.training().data());
        assertEquals(manifest.training().transformOptions(), read.training().transformOptions());
        assertEquals(manifest.training().libraryVersions(), read.training().libraryVersions());
        TrainingProvenance.Candidate candidate = read.training().search().selectedCandidate();
        assertEquals("xgboost", candidate.family());
        assertEquals(List.of(0.99, 0.98), java.util.Arrays.stream(candidate.foldRocAuc()).boxed().toList());
        assertEquals(manifest.training().search().budget(), read.training().search().budget());
        assertEquals(60_000, read.training().search().budget().rungs().get(1).rows());
        assertEquals(List.of("accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "log_loss", "false_positive_rate"),
                read.metrics().figures().stream().map(ModelMetrics.Figure::name).toList());
        assertEquals(new ModelMetrics.Interval(0.96, 0.98), read.metrics().figures().get(0).ci95());
        assertEquals(null, read.metrics().figures().get(1).ci95(), "a figure without an interval");
    }

    /** The parts scoring reads are written as Jackson's mapper wrote them (from the records), byte for byte. */
    @Test
    void writesTheScoringPartsAsTheMapperDid() throws Exception {
        BundleManifest rich = richManifest();
        BundleManifest manifest = new BundleManifest(rich.format(), rich.formatVersion(), rich.createdAt(), rich.schemaName(),
                rich.schemaSha256(), rich.vocabularies(), rich.transform(), new BundleManifest.ModelInfo("model.json",
                "xgboost", new java.util.TreeMap<>(Map.of("eta", 0.3, "depth", 6)), rich.model().featureNames()),
                rich.threshold(), null, null, new java.util.TreeMap<>(rich.files()));
        assertEquals(BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(manifest),
                new String(BundleFiles.manifestJson(manifest), StandardCharsets.UTF_8));
    }

    @Test
    void readsTreeEnsemblesAndLinearModelsAsTheMapperDoes() throws Exception {
        List<PortableModel> models = new ArrayList<>(List.of(TinyModels.bytesStump(4), TinyModels.linear()));
        java.util.SplittableRandom trees = new java.util.SplittableRandom(7);
        for (int i = 0; i < 20; i++) {
            boolean boosted = i % 2 == 0; // float32 margins, or double probability averages
            models.add(TinyModels.randomTrees(trees, 6, boosted ? TreeEnsemble.Aggregation.MARGIN_SUM
                    : TreeEnsemble.Aggregation.PROBABILITY_AVERAGE, boosted, 1 + i % 4, 1 + i % 7));
        }
        for (PortableModel model : models) {
            String json = BundleJson.MAPPER.writeValueAsString(model);
            PortableModel byMapper = BundleJson.MAPPER.readValue(json, PortableModel.class);
            PortableModel streamed = BundleFiles.model(bytes(json));
            assertEquals(json, new String(BundleFiles.modelJson(model), StandardCharsets.UTF_8), "written as the mapper wrote it");
            assertEquals(byMapper.getClass(), streamed.getClass());
            assertEquals(BundleJson.MAPPER.writeValueAsString(byMapper), BundleJson.MAPPER.writeValueAsString(streamed));
            double[] x = new double[model.featureCount()];
            for (int k = 0; k < 100; k++) {
                for (int j = 0; j < x.length; j++) {
                    x[j] = RANDOM.nextInt(5) - 2;
                }
                assertEquals(byMapper.threatProbability(x), streamed.threatProbability(x));
            }
        }
    }

    @Test
    void takesTheKindAnywhereAndSkipsUnknownFields() throws Exception {
        ObjectNode model = (ObjectNode) BundleJson.MAPPER.valueToTree(TinyModels.linear());
        ObjectNode reordered = BundleJson.MAPPER.createObjectNode();
        reordered.set("later_version_field", BundleJson.MAPPER.readTree("{\"nested\": [1, {\"a\": null}]}"));
        reordered.set("weights", model.get("weights"));
        reordered.set("bias", model.get("bias"));
        reordered.set("kind", model.get("kind"));
        PortableModel streamed = BundleFiles.model(bytes(reordered.toString()));
        assertEquals(BundleJson.MAPPER.writeValueAsString(TinyModels.linear()), BundleJson.MAPPER.writeValueAsString(streamed));
    }

    @Test
    void skipsTheFieldsOfTheOtherKindOfModelAndUnknownNestedFields() throws Exception {
        ObjectNode linear = (ObjectNode) BundleJson.MAPPER.valueToTree(TinyModels.linear());
        linear.put("threshold", 0.5).put("aggregation", 7).set("feature", BundleJson.MAPPER.readTree("{\"a\": [1]}"));
        assertEquals(BundleJson.MAPPER.writeValueAsString(BundleJson.MAPPER.readValue(linear.toString(), PortableModel.class)),
                BundleJson.MAPPER.writeValueAsString(BundleFiles.model(bytes(linear.toString()))));
        BundleManifest rich = richManifest();
        ObjectNode manifest = (ObjectNode) BundleJson.MAPPER.readTree(BundleFiles.manifestJson(rich));
        JsonNode unknown = BundleJson.MAPPER.readTree("{\"nested\": [1, {\"b\": null}], \"n\": 2}");
        manifest.set("later", unknown);
        ((ObjectNode) manifest.get("transform")).set("later", unknown);
        ((ObjectNode) manifest.get("transform").get("columns").get(0)).set("later", unknown);
        ((ObjectNode) manifest.get("transform").get("knn_reference")).set("later", unknown);
        ((ObjectNode) manifest.get("model")).set("later", unknown);
        ((ObjectNode) manifest.get("threshold")).set("later", unknown);
        ((ObjectNode) manifest.get("metrics")).set("later", unknown);
        ((ObjectNode) manifest.get("metrics").get("test")).set("later", unknown);
        ((ObjectNode) manifest.get("training").get("data")).set("later", unknown);
        ((ObjectNode) manifest.get("training").get("search").get("candidates").get(0)).set("later", unknown);
        BundleManifest streamed = BundleFiles.manifest(bytes(manifest.toString()));
        assertEquals(new String(BundleFiles.manifestJson(rich), StandardCharsets.UTF_8),
                new String(BundleFiles.manifestJson(streamed), StandardCharsets.UTF_8));
        ((ObjectNode) manifest.get("threshold")).putNull("target_false_positive_rate");
        assertEquals(null, BundleFiles.manifest(bytes(manifest.toString())).threshold().targetFalsePositiveRate());
    }

    @Test
    void namesTheFieldAndPlaceOfWhatItRefuses() throws Exception {
        String stump = BundleJson.MAPPER.writeValueAsString(TinyModels.bytesStump(4));
        assertRefused(stump.replace("\"tree_roots\":[0]", "\"tree_roots\":\"0\""),
                "'tree_roots' holds a string where an array belongs (line 1, column ");
        assertRefused(stump.replace("\"tree_roots\":[0]", "\"tree_roots\":[null]"),
                "'tree_roots' holds null where a whole number belongs");
        assertRefused(stump.replace("\"tree_roots\":[0]", "\"tree_roots\":[4294967296]"), "'tree_roots' is 4294967296, too large");
        assertRefused(stump.replace("\"tree_roots\":[0]", "\"tree_roots\":[0.5]"), "'tree_roots' holds a number where a whole number belongs");
        assertRefused(stump.replace("\"float32\":false", "\"float32\":null"), "'float32' holds null where true or false belongs");
        assertRefused(stump.replace("\"kind\":\"tree_ensemble\"", "\"kind\":\"neural_net\""), "unknown model kind 'neural_net'");
        assertRefused(stump.replace("\"kind\":\"tree_ensemble\",", ""), "no 'kind'");
        assertRefused("", "the file is empty");
        assertRefused("[1, 2]", "expected an object, found an array (line 1, column 1)");
        assertRefused(stump + " {}", "more after the object: an object");
        assertRefused(stump.replace("\"tree_roots\":[0],", ""), "a tree ensemble needs 'tree_roots' (line 1, column ");
        assertRefused(stump.replace("probability_average", "median"), "'aggregation' is median, not one of [probability_average,");
        assertThrows(JsonProcessingException.class, () -> BundleFiles.model(bytes(stump.substring(0, stump.length() / 2))));

        String manifest = new String(compact(richManifest()), StandardCharsets.UTF_8);
        assertRefusedManifest(manifest.replace("\"encoding\":\"ONE_HOT\"", "\"encoding\":\"BINARY\""),
                "'encoding' is BINARY, not one of [NUMERIC, ONE_HOT, ORDINAL]");
        assertRefusedManifest(manifest.replace("\"categories\":[\"tcp\",\"udp\"]", "\"categories\":[\"tcp\",null]"),
                "'categories' holds null where a string belongs");
        assertRefusedManifest(manifest.replaceFirst("\"threshold\":\\{[^}]*\\},", ""), "'manifest' has no 'threshold'");
        assertRefusedManifest(manifest.replace("\"value\":0.42", "\"value\":1.42"), "a threshold is a probability in [0, 1], got 1.42 (line 1");
        assertRefusedManifest(manifest.replace("\"file\":\"model.json\",", ""), "'model' has no 'file'");
        assertRefusedManifest(manifest.replace("\"accuracy\":[0.96,0.98]", "\"accuracy\":[0.96]"),
                "'accuracy' holds 1 numbers where a pair belongs");
        assertRefusedManifest(manifest.replace("\"seed\":42", "\"seed\":\"42\""), "'seed' holds a string where a whole number belongs");
        assertRefusedManifest(manifest.replace("\"rows\":11055", "\"rows\":1.5"), "'rows' holds a number where a whole number belongs");
        assertRefusedManifest(manifest.replace("\"scaling\":\"NONE\"", "\"scaling\":\"LOG\""),
                "'scaling' is LOG, not one of [NONE, STANDARD, MIN_MAX]");
        assertRefusedManifest(manifest.replace("\"true_positives\":936", "\"true_positives\":null"),
                "'true_positives' holds null where a whole number belongs");
    }

    @Test
    void aBundleWithABrokenModelFileIsRefusedNamingTheFile() throws Exception {
        Path folder = dir.resolve("m");
        TinyModels.bundle().writeTo(folder);
        Path model = folder.resolve(ModelBundle.MODEL);
        Files.writeString(model, Files.readString(model).replace("\"left\":[1,0,0]", "\"left\":[1,\"zero\",0]"));
        Path sums = folder.resolve(ModelBundle.CHECKSUMS);
        Files.writeString(sums, Files.readString(sums).replaceAll("[0-9a-f]{64}  model.json",
                io.netsec.core.Sha256.of(Files.readAllBytes(model)) + "  model.json"), StandardCharsets.US_ASCII);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(folder));
        assertTrue(e.getMessage().contains("model.json: not a valid model: 'left' holds a string where a whole number"
                + " belongs (line 1, column "), e.getMessage());
    }

    private static void assertRefused(String json, String message) {
        assertMalformed(() -> BundleFiles.model(bytes(json)), message);
    }

    private static void assertRefusedManifest(String json, String message) {
        assertMalformed(() -> BundleFiles.manifest(bytes(json)), message);
    }

    private static void assertMalformed(org.junit.jupiter.api.function.Executable read, String message) {
        BundleFiles.MalformedException e = assertThrows(BundleFiles.MalformedException.class, read);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /** Every manifest field set, with values of every JSON kind in its free-form parts. */
    private static BundleManifest richManifest() {
        FittedTransform transform = new FittedTransform(List.of(
                new FittedColumn("bytes", FittedColumn.ColumnEncoding.NUMERIC, 12.5, List.of(), 3.25, 0.1),
                new FittedColumn("proto", FittedColumn.ColumnEncoding.ONE_HOT, 1, List.of("tcp", "udp"), 0, 1),
                new FittedColumn("service", FittedColumn.ColumnEncoding.ORDINAL, 0, List.of("dns", "http"), 0, 1)),
                new KnnImputer(3, new double[][] {{1, 2, -0.0}, {Double.MIN_VALUE, Double.NaN, 1e300}},
                        new boolean[] {false, true, false}));
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        parameters.put("eta", 0.3);
        parameters.put("depth", 6);
        parameters.put("big", 12345678901234L);
        parameters.put("huge", new java.math.BigInteger("123456789012345678901234567890"));
        parameters.put("objective", "binary:logistic");
        parameters.put("note", null);
        parameters.put("grid", List.of(1, 2.5, "x", true));
        parameters.put("nested", Map.of("a", false));
        ModelMetrics metrics = new ModelMetrics(
                new ModelMetrics.TestMetrics(0.9712345678901234, 0.97, 0.95, 0.96, Double.NaN, 0.99, 0.08, 4.9E-324,
                        new ModelMetrics.Confusion(936, 22, 1210, 43)),
                new java.util.LinkedHashMap<>(Map.of("accuracy", new ModelMetrics.Interval(0.96, 0.98))),
                new ModelMetrics.CrossValidation(0.995, 0.0004, 0.967, 0.079),
                new ModelMetrics.TestCurves(List.of(new ModelMetrics.Point(0, 0), new ModelMetrics.Point(0.5, 1)),
                        List.of(new ModelMetrics.Point(1, 0.5))),
                importances());
        TrainingProvenance training = new TrainingProvenance(
                new TrainingProvenance.DataProvenance("data.csv", "cd".repeat(32), 11055, 4898, 8844, 2211, 1461, 5206L,
                        5785L, 64L),
                new TrainingProvenance.Split("stratified", 0.2), 42,
                new io.netsec.core.transform.TransformOptions(io.netsec.core.transform.TransformOptions.Imputation.KNN,
                        io.netsec.core.transform.TransformOptions.Imputation.MOST_FREQUENT,
                        io.netsec.core.transform.TransformOptions.Encoding.ONE_HOT,
                        io.netsec.core.transform.TransformOptions.Scaling.NONE, 3, 2000),
                new TrainingProvenance.Search(5, "roc_auc", "one_standard_error", 1, List.of(
                        new TrainingProvenance.Candidate("j48", Map.of("min_leaf", 2), false, "not exact",
                                new double[] {0.9, 0.91}, 0.905, 0.005, 0.9, 0.3, 6.5),
                        new TrainingProvenance.Candidate("xgboost", parameters, true, null, new double[] {0.99, 0.98},
                                0.985, 0.005, 0.96, 0.08, Double.NaN)),
                        new TrainingProvenance.Budget("successive_halving", 3, List.of(
                                new TrainingProvenance.Rung(20_000, List.of(0, 1)),
                                new TrainingProvenance.Rung(60_000, List.of(1))), 800_000)),
                new TrainingProvenance.ExportCheck(2.2737367544323206e-13, "largest difference"),
                new java.util.TreeMap<>(Map.of("netsec", "0.1.0", "java", "25.0.3", "weka", "3.8.6")));
        return new BundleManifest(BundleManifest.FORMAT, BundleManifest.FORMAT_VERSION, "2026-11-26T23:00:00Z", "flows",
                "ab".repeat(32), List.of(List.of(), List.of("tcp", "udp"), List.of("dns", "http")), transform,
                new BundleManifest.ModelInfo("model.json", "xgboost", parameters, transform.outputNames()),
                new BundleManifest.Threshold(0.42, "target_fpr", 0.01), metrics, training,
                Map.of("model.json", "cd".repeat(32), "schema.yaml", "ef".repeat(32)));
    }

    /** Inputs by importance, largest first (not in the order of their names). */
    private static Map<String, Double> importances() {
        Map<String, Double> importances = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            importances.put("input_" + (9 - i), 1.0 / (i + 1));
        }
        return importances;
    }

    private static byte[] compact(BundleManifest manifest) {
        return BundleFiles.write(ManifestFormat.MANIFEST, manifest, false);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
