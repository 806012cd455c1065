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
import java.io.IOException;
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
    void readsEveryManifestFieldAsTheMapperDoes() throws Exception {
        BundleManifest manifest = richManifest();
        for (String json : List.of(BundleJson.MAPPER.writeValueAsString(manifest),
                BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(manifest))) {
            BundleManifest byMapper = BundleJson.MAPPER.readValue(json, BundleManifest.class);
            BundleManifest streamed = BundleFiles.manifest(bytes(json));
            assertEquals(BundleJson.MAPPER.writeValueAsString(byMapper), BundleJson.MAPPER.writeValueAsString(streamed));
            assertEquals(byMapper.metrics(), streamed.metrics());
            assertEquals(byMapper.training(), streamed.training());
            assertEquals(byMapper.model().parameters(), streamed.model().parameters());
            assertTrue(Double.isNaN(streamed.transform().knnReference().reference()[1][1]));
        }
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
        ObjectNode manifest = (ObjectNode) BundleJson.MAPPER.valueToTree(richManifest());
        JsonNode unknown = BundleJson.MAPPER.readTree("{\"nested\": [1, {\"b\": null}], \"n\": 2}");
        ((ObjectNode) manifest.get("transform")).set("later", unknown);
        ((ObjectNode) manifest.get("transform").get("columns").get(0)).set("later", unknown);
        ((ObjectNode) manifest.get("transform").get("knn_reference")).set("later", unknown);
        ((ObjectNode) manifest.get("model")).set("later", unknown);
        ((ObjectNode) manifest.get("threshold")).set("later", unknown);
        ((ObjectNode) manifest.get("threshold")).putNull("target_false_positive_rate");
        BundleManifest byMapper = BundleJson.MAPPER.readValue(manifest.toString(), BundleManifest.class);
        BundleManifest streamed = BundleFiles.manifest(bytes(manifest.toString()));
        assertEquals(BundleJson.MAPPER.writeValueAsString(byMapper), BundleJson.MAPPER.writeValueAsString(streamed));
        assertEquals(null, streamed.threshold().targetFalsePositiveRate());
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

        String manifest = BundleJson.MAPPER.writeValueAsString(richManifest());
        assertRefusedManifest(manifest.replace("\"encoding\":\"ONE_HOT\"", "\"encoding\":\"BINARY\""),
                "'encoding' is BINARY, not one of [NUMERIC, ONE_HOT, ORDINAL]");
        assertRefusedManifest(manifest.replace("\"categories\":[\"tcp\",\"udp\"]", "\"categories\":[\"tcp\",null]"),
                "'categories' holds null where a string belongs");
        assertRefusedManifest(manifest.replaceFirst("\"threshold\":\\{[^}]*\\},", ""), "'manifest' has no 'threshold'");
        assertRefusedManifest(manifest.replace("\"value\":0.42", "\"value\":1.42"), "a threshold is a probability in [0, 1], got 1.42 (line 1");
        assertRefusedManifest(manifest.replace("\"file\":\"model.json\",", ""), "'model' has no 'file'");
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
    private static BundleManifest richManifest() throws IOException {
        FittedTransform transform = new FittedTransform(List.of(
                new FittedColumn("bytes", FittedColumn.ColumnEncoding.NUMERIC, 12.5, List.of(), 3.25, 0.1),
                new FittedColumn("proto", FittedColumn.ColumnEncoding.ONE_HOT, 1, List.of("tcp", "udp"), 0, 1),
                new FittedColumn("service", FittedColumn.ColumnEncoding.ORDINAL, 0, List.of("dns", "http"), 0, 1)),
                new KnnImputer(3, new double[][] {{1, 2, -0.0}, {Double.MIN_VALUE, Double.NaN, 1e300}},
                        new boolean[] {false, true, false}));
        JsonNode metrics = BundleJson.MAPPER.readTree("""
                {"test": {"accuracy": 0.9712345678901234, "rows": 2211, "big": 12345678901234,
                 "huge": 123456789012345678901234567890, "confusion": [[1, 2], [3, 4]], "note": null,
                 "ok": true, "bad": false, "tiny": 4.9E-324, "name": "held-out"}}""");
        Map<String, Object> parameters = new java.util.TreeMap<>(Map.of("eta", 0.3, "depth", 6, "objective", "binary:logistic"));
        return new BundleManifest(BundleManifest.FORMAT, BundleManifest.FORMAT_VERSION, "2026-11-26T23:00:00Z", "flows",
                "ab".repeat(32), List.of(List.of(), List.of("tcp", "udp"), List.of("dns", "http")), transform,
                new BundleManifest.ModelInfo("model.json", "xgboost", BundleJson.MAPPER.valueToTree(parameters),
                        transform.outputNames()),
                new BundleManifest.Threshold(0.42, "target_fpr", 0.01), metrics,
                BundleJson.MAPPER.createObjectNode().put("seed", 42).put("rows", 11055L).set("versions",
                        BundleJson.MAPPER.createObjectNode().put("weka", "3.8.6")),
                Map.of("model.json", "cd".repeat(32), "schema.yaml", "ef".repeat(32)));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
