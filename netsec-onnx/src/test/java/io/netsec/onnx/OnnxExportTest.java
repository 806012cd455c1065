package io.netsec.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.Detector;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.Dataset;
import io.netsec.ingestion.synthetic.SyntheticData;
import io.netsec.core.model.TreeEnsemble;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.transform.FittedColumn;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.TransformOptions;
import io.netsec.onnx.OnnxModel.Tensor;
import io.netsec.onnx.OnnxModel.Type;
import io.netsec.onnx.proto.OnnxMl.ModelProto;
import io.netsec.onnx.proto.OnnxMl.OperatorSetIdProto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an export writes: its inputs, outputs and metadata, the values that mean missing, and what it refuses. */
class OnnxExportTest {

    @TempDir
    static Path dir;

    private static LoadedSchema schema;
    private static Dataset data;
    private static ModelBundle bundle;

    @BeforeAll
    static void trainASmallModel() throws Exception {
        schema = SchemaLoader.load(Path.of(OnnxExportTest.class.getResource("/network_traffic_nullable.yaml").toURI()));
        Path csv = dir.resolve("traffic.csv");
        SyntheticData.of(schema.schema(), 5).withMissingRate(0.1).write(600, csv);
        data = TrainedBundles.read(csv, schema);
        bundle = TrainedBundles.train(data, schema, "logistic", TransformOptions.DEFAULTS);
    }

    @Test
    void theInputsAreTheFeatureColumnsByNameAndTypeAndTheOutputsTheScores() throws Exception {
        OnnxModel onnx = OnnxExport.of(bundle);
        assertEquals(List.of(new Tensor("duration", Type.DOUBLE), new Tensor("protocol_type", Type.STRING),
                new Tensor("service", Type.STRING), new Tensor("src_bytes", Type.INT64), new Tensor("dst_bytes", Type.INT64),
                new Tensor("flag", Type.STRING), new Tensor("srv_error_rate", Type.DOUBLE)), onnx.inputs());
        try (OnnxRuntimeScorer runtime = new OnnxRuntimeScorer(onnx)) {
            Map<String, String> types = runtime.inputTypes();
            assertEquals(List.of("duration", "protocol_type", "service", "src_bytes", "dst_bytes", "flag", "srv_error_rate"),
                    List.copyOf(types.keySet()));
            assertTrue(types.get("duration").contains("DOUBLE") && types.get("duration").contains("shape=[-1]"), types.toString());
            assertTrue(types.get("src_bytes").contains("INT64"), types.toString());
            assertTrue(types.get("service").contains("STRING"), types.toString());
            assertEquals(List.of("threat_probability", "label", "probability_benign", "probability_threat"), runtime.outputNames());
        }
    }

    @Test
    void theModelRecordsItsVersionsSchemaAndThreshold() throws Exception {
        OnnxModel onnx = OnnxExport.of(bundle);
        ModelProto model = ModelProto.parseFrom(onnx.bytes());
        assertEquals(11, model.getIrVersion());
        assertEquals(Map.of("", 23L, "ai.onnx.ml", 5L), model.getOpsetImportList().stream()
                .collect(java.util.stream.Collectors.toMap(OperatorSetIdProto::getDomain, OperatorSetIdProto::getVersion)));
        assertEquals("netsec", model.getProducerName());
        try (OnnxRuntimeScorer runtime = new OnnxRuntimeScorer(onnx)) {
            Map<String, String> metadata = runtime.metadata();
            assertEquals(onnx.metadata(), metadata);
            assertEquals("23", metadata.get("onnx.opset.ai.onnx"));
            assertEquals("5", metadata.get("onnx.opset.ai.onnx.ml"));
            assertEquals("network_traffic_nullable", metadata.get("netsec.schema.name"));
            assertEquals(schema.sha256(), metadata.get("netsec.schema.sha256"));
            assertEquals("logistic", metadata.get("netsec.model.family"));
            assertEquals(Double.toString(bundle.manifest().threshold().value()), metadata.get("netsec.threshold"));
            assertEquals("attack", metadata.get("netsec.label.threat"));
            assertEquals("normal", metadata.get("netsec.label.benign"));
            assertEquals("-9223372036854775808, -9", metadata.get("netsec.missing.int64"));
            assertEquals("NaN, -9.0", metadata.get("netsec.missing.double"));
            assertEquals("[\"\",\"?\",\"NA\",\"-\",\"-9\"]", metadata.get("netsec.missing.string"));
            assertTrue(metadata.get("netsec.version").matches("\\d+\\.\\d+\\.\\d+.*"), metadata.get("netsec.version"));
        }
    }

    @Test
    void theSameBundleGivesTheSameBytes() {
        assertArrayEquals(OnnxExport.of(bundle).bytes(), OnnxExport.of(bundle).bytes());
    }

    /**
     * A record with a missing value in each input, as a caller passes it (NaN, the int64
     * sentinel, -9, a missing text) and a service no training row had, scores as the same record
     * does in netsec with its values absent.
     */
    @Test
    void aMissingValueIsNaNTheInt64SentinelAMarkerOrAMissingTextAndAnUnseenCategoryScoresAsInNetsec() throws Exception {
        Detector detector = Detector.of(bundle);
        OnnxModel onnx = OnnxExport.of(bundle);
        Map<String, Object> netsec = new HashMap<>();
        netsec.put("duration", null);
        netsec.put("protocol_type", "?");
        netsec.put("service", "service_never_seen");
        netsec.put("src_bytes", null);
        netsec.put("dst_bytes", -9);
        netsec.put("flag", "");
        netsec.put("srv_error_rate", "NA");
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("duration", new double[] {Double.NaN, -9.0});
        columns.put("protocol_type", new String[] {"?", "NA"});
        columns.put("service", new String[] {"service_never_seen", "service_never_seen"});
        columns.put("src_bytes", new long[] {OnnxExport.INT64_MISSING, -9});
        columns.put("dst_bytes", new long[] {-9, OnnxExport.INT64_MISSING});
        columns.put("flag", new String[] {"", "-"});
        columns.put("srv_error_rate", new double[] {Double.NaN, Double.NaN});
        double expected = detector.score(netsec).probability();
        try (OnnxRuntimeScorer runtime = new OnnxRuntimeScorer(onnx)) {
            OnnxRuntimeScorer.Scores scores = runtime.score(columns);
            assertEquals(expected, scores.threatProbability()[0], 4 * Math.ulp(expected));
            assertEquals(expected, scores.threatProbability()[1], 4 * Math.ulp(expected));
            assertEquals(detector.predictionOf(expected).label(), scores.label()[0]);
        }
    }

    @Test
    void kNearestNeighbourImputationIsRefusedInOneLine() {
        TransformOptions knn = TransformOptions.DEFAULTS.withImputation(TransformOptions.Imputation.KNN,
                TransformOptions.Imputation.KNN);
        ModelBundle imputedByNeighbours = TrainedBundles.train(data, schema, "j48", knn);
        OnnxExportException refused = assertThrows(OnnxExportException.class, () -> OnnxExport.of(imputedByNeighbours));
        assertTrue(refused.getMessage().contains("k nearest neighbours (--imputation knn)"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    }

    @Test
    void aFeatureNamedAsAnOutputIsRefused() {
        LoadedSchema clash = SchemaLoader.parse("clash.yaml", """
                name: clash
                columns:
                  - {name: label, type: number}
                  - {name: verdict, type: integer, role: label, allowed: [0, 1]}
                label: {column: verdict, threat: ["1"], benign: ["0"]}
                """.getBytes(StandardCharsets.UTF_8));
        FittedTransform transform = new FittedTransform(List.of(new FittedColumn("label", FittedColumn.ColumnEncoding.NUMERIC,
                0, List.of(), 0, 1)), null);
        OnnxExport.Pipeline pipeline = new OnnxExport.Pipeline(clash.schema(), List.of(List.of()), transform,
                new io.netsec.core.model.LinearModel(new double[] {1}, 0), 0.5, Map.of());
        OnnxExportException refused = assertThrows(OnnxExportException.class, () -> OnnxExport.of(pipeline));
        assertTrue(refused.getMessage().startsWith("feature column 'label' has the name of an output"), refused.getMessage());
    }

    @Test
    void aModelOfAttackFamiliesAddsTheFamilyAndEachClasssProbability() {
        LoadedSchema flows = SchemaLoader.parse("flows.yaml", """
                name: flows
                columns:
                  - {name: bytes, type: number}
                  - {name: verdict, type: string, role: label}
                label: {column: verdict, benign: [normal]}
                """.getBytes(StandardCharsets.UTF_8));
        FittedTransform transform = new FittedTransform(List.of(new FittedColumn("bytes", FittedColumn.ColumnEncoding.NUMERIC,
                0, List.of(), 0, 1)), null);
        OnnxExport.Pipeline pipeline = new OnnxExport.Pipeline(flows.schema(), List.of(List.of()), transform,
                new io.netsec.core.model.ClassLinear(List.of("normal", "dos", "probe"), new double[][] {{0}, {1}, {2}},
                        new double[3]), 0.5, Map.of());
        assertEquals(List.of("threat_probability", "label", "probability_benign", "probability_threat", "family",
                "probability_normal", "probability_dos", "probability_probe"),
                OnnxExport.of(pipeline).outputs().stream().map(OnnxModel.Tensor::name).toList());
    }

    /**
     * A float32 ensemble that averages probabilities (no exporter makes one, the core scores one)
     * compares in float and sums in double: exported with double thresholds that give the float
     * comparisons' answers, it scores netsec's probabilities bit for bit, on values next to every
     * threshold.
     */
    @Test
    void aFloat32ProbabilityAverageComparesInFloatAndSumsInDouble() throws Exception {
        LoadedSchema one = SchemaLoader.parse("one.yaml", """
                name: one
                columns:
                  - {name: x, type: number}
                  - {name: y, type: integer, role: label, allowed: [0, 1]}
                label: {column: y, threat: ["1"], benign: ["0"]}
                """.getBytes(StandardCharsets.UTF_8));
        double[] thresholds = {0.1, 1.0 / 3, -2.5e-40, 0, 7.000000000000001};
        // a chain per threshold: x < t goes left to a leaf, else right to the next split
        int n = thresholds.length;
        int[] feature = new int[2 * n + 1];
        double[] threshold = new double[2 * n + 1];
        int[] left = new int[2 * n + 1];
        int[] right = new int[2 * n + 1];
        double[] threat = new double[2 * n + 1];
        double[] benign = new double[2 * n + 1];
        for (int i = 0; i < n; i++) {
            int split = 2 * i;
            feature[split] = 0;
            threshold[split] = thresholds[i];
            left[split] = split + 1;
            right[split] = split + 2;
            feature[split + 1] = -1;
            left[split + 1] = right[split + 1] = -1;
            threat[split + 1] = 0.1 * (i + 1);
            benign[split + 1] = 1 - 0.1 * (i + 1);
        }
        feature[2 * n] = -1;
        left[2 * n] = right[2 * n] = -1;
        threat[2 * n] = 0.7;
        benign[2 * n] = 0.3;
        TreeEnsemble trees = new TreeEnsemble(1, TreeEnsemble.Aggregation.PROBABILITY_AVERAGE, true, 0, new int[] {0},
                new double[] {1}, feature, threshold, left, right, new boolean[2 * n + 1], threat, benign);
        FittedTransform transform = new FittedTransform(List.of(new FittedColumn("x", FittedColumn.ColumnEncoding.NUMERIC,
                0, List.of(), 0, 1)), null);
        OnnxModel onnx = OnnxExport.of(new OnnxExport.Pipeline(one.schema(), List.of(List.of()), transform, trees, 0.5, Map.of()));
        List<Double> xs = new java.util.ArrayList<>();
        for (double t : thresholds) {
            double asFloat = (float) t;
            for (double x : new double[] {t, asFloat, Math.nextDown(asFloat), Math.nextUp(asFloat),
                    FloatThresholds.asDouble((float) t), Math.nextDown(FloatThresholds.asDouble((float) t))}) {
                xs.add(x);
            }
        }
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        try (OnnxRuntimeScorer runtime = new OnnxRuntimeScorer(onnx)) {
            double[] scores = runtime.score(Map.of("x", x)).threatProbability();
            for (int i = 0; i < x.length; i++) {
                assertEquals(trees.threatProbability(new double[] {x[i]}), scores[i], 0.0, "x = " + x[i]);
            }
        }
    }

    /**
     * A tree that is one leaf (J48 and AdaBoost make them; an XGBoost base score becomes one)
     * answers its leaf once, wherever it stands among the trees, for every aggregation.
     */
    @Test
    void aTreeThatIsOneLeafAnswersItsLeafWhereverItStands() throws Exception {
        LoadedSchema one = SchemaLoader.parse("one.yaml", """
                name: one
                columns:
                  - {name: x, type: number}
                  - {name: y, type: integer, role: label, allowed: [0, 1]}
                label: {column: y, threat: ["1"], benign: ["0"]}
                """.getBytes(StandardCharsets.UTF_8));
        FittedTransform transform = new FittedTransform(List.of(new FittedColumn("x", FittedColumn.ColumnEncoding.NUMERIC,
                0, List.of(), 0, 1)), null);
        // tree 0: x < 0.5 ? leaf 1 : leaf 2; tree 1: leaf 3 alone; tree 2: x < 0.25 ? leaf 5 : leaf 6
        int[] feature = {0, -1, -1, -1, 0, -1, -1};
        double[] threshold = {0.5, 0, 0, 0, 0.25, 0, 0};
        int[] left = {1, -1, -1, -1, 5, -1, -1};
        int[] right = {2, -1, -1, -1, 6, -1, -1};
        double[] threat = {0, 0.2, 0.9, 0.6, 0, 0.3, 0.55};
        double[] benign = {0, 0.8, 0.1, 0.4, 0, 0.7, 0.45};
        double[] x = {0, 0.3, 0.6};
        for (TreeEnsemble.Aggregation aggregation : TreeEnsemble.Aggregation.values()) {
            for (int[] roots : new int[][] {{0, 3, 4}, {3, 0, 4}}) {
                boolean float32 = aggregation == TreeEnsemble.Aggregation.MARGIN_SUM;
                TreeEnsemble trees = new TreeEnsemble(1, aggregation, float32, float32 ? -0.25 : 0, roots,
                        new double[] {0.7, 0.2, 0.4}, feature, threshold, left, right, new boolean[7], threat, benign);
                OnnxModel onnx = OnnxExport.of(new OnnxExport.Pipeline(one.schema(), List.of(List.of()), transform, trees,
                        0.5, Map.of()));
                try (OnnxRuntimeScorer runtime = new OnnxRuntimeScorer(onnx)) {
                    double[] scores = runtime.score(Map.of("x", x)).threatProbability();
                    for (int i = 0; i < x.length; i++) {
                        double expected = trees.threatProbability(new double[] {x[i]});
                        assertEquals(expected, scores[i], 4 * Math.ulp(expected),
                                aggregation + ", roots " + java.util.Arrays.toString(roots) + ", x = " + x[i]);
                    }
                }
            }
        }
    }

    /**
     * A root with a leaf on one side and a split on the other, both of the same number in
     * TreeEnsemble's separate leaf and split arrays, stays a split (ONNX Runtime reads a root
     * whose two sides have the same number as a leaf): the second tree's first split is split 1
     * and its first leaf leaf 1.
     */
    @Test
    void aRootWithALeafAndASplitOfTheSameNumberStaysASplit() throws Exception {
        LoadedSchema one = SchemaLoader.parse("one.yaml", """
                name: one
                columns:
                  - {name: x, type: number}
                  - {name: y, type: integer, role: label, allowed: [0, 1]}
                label: {column: y, threat: ["1"], benign: ["0"]}
                """.getBytes(StandardCharsets.UTF_8));
        FittedTransform transform = new FittedTransform(List.of(new FittedColumn("x", FittedColumn.ColumnEncoding.NUMERIC,
                0, List.of(), 0, 1)), null);
        // tree 0: x < 0.5 ? leaf 1 : leaf 2; tree 1: x < 0.1 ? leaf 4 : (x < 0.3 ? leaf 6 : leaf 7)
        int[] feature = {0, -1, -1, 0, -1, 0, -1, -1};
        double[] threshold = {0.5, 0, 0, 0.1, 0, 0.3, 0, 0};
        int[] left = {1, -1, -1, 4, -1, 6, -1, -1};
        int[] right = {2, -1, -1, 5, -1, 7, -1, -1};
        double[] threat = {0, 0.2, 0.9, 0, 0.6, 0, 0.3, 0.55};
        double[] benign = {0, 0.8, 0.1, 0, 0.4, 0, 0.7, 0.45};
        double[] x = {0.05, 0.2, 0.4, 0.6};
        for (TreeEnsemble.Aggregation aggregation : TreeEnsemble.Aggregation.values()) {
            TreeEnsemble trees = new TreeEnsemble(1, aggregation, false, 0, new int[] {0, 3}, new double[] {0.7, 0.2},
                    feature, threshold, left, right, new boolean[8], threat, benign);
            OnnxModel onnx = OnnxExport.of(new OnnxExport.Pipeline(one.schema(), List.of(List.of()), transform, trees,
                    0.5, Map.of()));
            try (OnnxRuntimeScorer runtime = new OnnxRuntimeScorer(onnx)) {
                double[] scores = runtime.score(Map.of("x", x)).threatProbability();
                for (int i = 0; i < x.length; i++) {
                    double expected = trees.threatProbability(new double[] {x[i]});
                    assertEquals(expected, scores[i], 4 * Math.ulp(expected), aggregation + ", x = " + x[i]);
                }
            }
        }
    }

    /** {@code (float) x < t} exactly when {@code x < asDouble(t)}, next to thresholds of every kind. */
    @Test
    void aFloatComparisonIsADoubleComparisonWithTheSmallestDoubleThatRoundsUpToTheThreshold() {
        SplittableRandom random = new SplittableRandom(3);
        List<Float> thresholds = new java.util.ArrayList<>(List.of(0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE,
                Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f,
                0.1f, -0.1f, 16777216f, 16777218f));
        for (int i = 0; i < 2000; i++) {
            thresholds.add(Float.intBitsToFloat(random.nextInt()));
        }
        for (float t : thresholds) {
            if (Float.isNaN(t)) {
                continue;
            }
            double d = FloatThresholds.asDouble(t);
            assertTrue((float) d >= t, "rounds up to the threshold: " + t);
            assertTrue(Double.isInfinite(d) || (float) Math.nextDown(d) < t, "the smallest such double: " + t);
            for (double x : new double[] {d, Math.nextDown(d), Math.nextUp(d), t, Math.nextDown((double) t),
                    Math.nextUp((double) t), Double.NaN, Double.MAX_VALUE, -Double.MAX_VALUE}) {
                assertEquals((float) x < t, x < d, "x = " + x + ", t = " + t);
            }
        }
    }
}
