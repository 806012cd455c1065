package io.netsec.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.Detector;
import io.netsec.core.FamilyScore;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.RawRecord;
import io.netsec.core.engine.RecordScorer;
import io.netsec.core.model.ClassLinear;
import io.netsec.core.model.ClassModel;
import io.netsec.core.model.ClassTrees;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.transform.FittedColumn;
import io.netsec.core.transform.FittedTransform;
import io.netsec.ingestion.synthetic.SyntheticData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models of attack families exported to ONNX: besides the binary outputs, {@code family} and
 * {@code probability_<class>} for each class, as netsec-core answers them
 * ({@link ClassModel#classProbabilities}, {@link FamilyScore}). Class trees that average
 * distributions are exact to the bit (the core's fixture bundle on generated traffic rows, and
 * random forests); margins through a softmax and the linear model differ only by ONNX Runtime's
 * {@code exp} (measured, a few ulps); the families agree wherever two threat classes are not
 * within that of a tie.
 */
class ClassModelOnnxTest {

    private static final Path FIXTURE = Path.of(System.getProperty("netsec.repo.dir", ".."))
            .resolve("netsec-core/src/test/resources/bundles/v4-j48-families");
    private static final int INPUTS = 4;

    @TempDir
    Path dir;

    @Test
    void theFixtureBundleOfFamiliesIsExportedBitForBit() throws Exception {
        ModelBundle bundle = ModelBundle.load(FIXTURE);
        Detector detector = Detector.of(bundle);
        OnnxModel onnx = OnnxExport.of(bundle);
        assertEquals(List.of("threat_probability", "label", "probability_benign", "probability_threat", "family",
                "probability_normal", "probability_dos", "probability_probe"), onnx.outputs().stream().map(OnnxModel.Tensor::name).toList());
        Path csv = dir.resolve("traffic.csv");
        SyntheticData.of(bundle.schema().schema(), 25).withMissingRate(0.1).write(3000, csv);
        ScoringRows rows = ScoringRows.read(csv, bundle.schema().schema());
        RecordScorer scorer = detector.recordScorer(rows.header());
        try (OnnxRuntimeScorer runtime = new OnnxRuntimeScorer(onnx)) {
            Map<String, Object> columns = rows.columns(bundle.schema().schema());
            String[] family = (String[]) runtime.output(columns, "family");
            String[] label = (String[]) runtime.output(columns, "label");
            double[] threat = (double[]) runtime.output(columns, "threat_probability");
            Map<String, double[]> byClass = new LinkedHashMap<>();
            for (String name : detector.classNames()) {
                byClass.put(name, (double[]) runtime.output(columns, "probability_" + name));
            }
            int threats = 0;
            for (int i = 0; i < rows.size(); i++) {
                RawRecord record = rows.records().get(i);
                FamilyScore expected = detector.familyScoreOf(scorer.classProbabilities(record));
                assertEquals(expected.threatProbability(), threat[i], 0.0, "row " + record.row());
                assertEquals(expected.family(), family[i], "row " + record.row());
                assertEquals(detector.predictionOf(expected.threatProbability()).label(), label[i]);
                for (String name : expected.classes()) {
                    assertEquals(expected.probabilityOf(name), byClass.get(name)[i], 0.0, name + ", row " + record.row());
                }
                threats += expected.threat() ? 1 : 0;
            }
            assertTrue(threats > 0 && threats < rows.size(), threats + " threats");
        }
    }

    @Test
    void randomForestsOfClassDistributionsAreExactToTheBit() throws Exception {
        SplittableRandom random = new SplittableRandom(25);
        for (int i = 0; i < 8; i++) {
            assertAgree(randomTrees(random, 2 + i % 4, ClassTrees.Aggregation.PROBABILITY_AVERAGE, i % 2 == 1), random, 0);
        }
    }

    @Test
    void boostedClassMarginsAgreeUpToOnnxRuntimesExp() throws Exception {
        SplittableRandom random = new SplittableRandom(26);
        double worst = 0;
        for (int i = 0; i < 8; i++) {
            worst = Math.max(worst, assertAgree(randomTrees(random, 2 + i % 4, ClassTrees.Aggregation.MARGIN_SUM, false), random, 1e-15));
        }
        double worstFloat = 0;
        for (int i = 0; i < 8; i++) {
            worstFloat = Math.max(worstFloat, assertAgree(randomTrees(random, 2 + i % 4, ClassTrees.Aggregation.MARGIN_SUM, true),
                    random, 1e-7));
        }
        System.out.printf("class margins: largest difference %.3g (double), %.3g (float32)%n", worst, worstFloat);
    }

    @Test
    void theLinearModelOfClassesAgreesUpToOnnxRuntimesExp() throws Exception {
        SplittableRandom random = new SplittableRandom(27);
        double worst = 0;
        for (int i = 0; i < 8; i++) {
            worst = Math.max(worst, assertAgree(randomLinear(random, 2 + i % 4), random, 1e-15));
        }
        System.out.printf("class linear: largest difference %.3g%n", worst);
    }

    @Test
    void aClassNamedLikeAnotherOutputIsRefused() {
        ClassLinear model = new ClassLinear(List.of("normal", "threat"), new double[][] {{0, 0, 0, 0}, {1, 1, 1, 1}}, new double[2]);
        OnnxExportException refused = assertThrows(OnnxExportException.class, () -> OnnxExport.of(pipeline(model)));
        assertTrue(refused.getMessage().startsWith("a class of the model is named so that its output 'probability_<class>'"
                + " is another output of the ONNX model"), refused.getMessage());
    }

    private static final LoadedSchema SCHEMA = SchemaLoader.parse("numbers.yaml", """
            name: numbers
            columns:
              - {name: x0, type: number}
              - {name: x1, type: number}
              - {name: x2, type: number}
              - {name: x3, type: number}
              - {name: verdict, type: string, role: label}
            label: {column: verdict, benign: [class0]}
            """.getBytes(StandardCharsets.UTF_8));

    private static OnnxExport.Pipeline pipeline(ClassModel model) {
        List<FittedColumn> columns = new ArrayList<>();
        List<List<String>> vocabularies = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) {
            columns.add(new FittedColumn("x" + i, FittedColumn.ColumnEncoding.NUMERIC, 0, List.of(), 0, 1));
            vocabularies.add(List.of());
        }
        return new OnnxExport.Pipeline(SCHEMA.schema(), vocabularies, new FittedTransform(columns, null), model, 0.4, Map.of());
    }

    /**
     * Scores 500 random rows (values next to the splits among them) with ONNX Runtime and the
     * model: each class's probability and the threat probability within {@code tolerance}, the
     * family equal unless two threat classes are within it; returns the largest difference.
     */
    private static double assertAgree(ClassModel model, SplittableRandom random, double tolerance) throws Exception {
        int n = 500;
        double[][] x = new double[INPUTS][n];
        for (double[] column : x) {
            for (int r = 0; r < n; r++) {
                column[r] = random.nextInt(10) == 0 ? Math.rint(random.nextDouble(-2, 2) * 4) / 4 : random.nextDouble(-2, 2);
            }
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int i = 0; i < INPUTS; i++) {
            columns.put("x" + i, x[i]);
        }
        double worst = 0;
        try (OnnxRuntimeScorer runtime = new OnnxRuntimeScorer(OnnxExport.of(pipeline(model)))) {
            String[] family = (String[]) runtime.output(columns, "family");
            double[] threat = (double[]) runtime.output(columns, "threat_probability");
            double[][] byClass = new double[model.classCount()][];
            for (int k = 0; k < byClass.length; k++) {
                byClass[k] = (double[]) runtime.output(columns, "probability_" + model.classNames().get(k));
            }
            for (int r = 0; r < n; r++) {
                double[] row = new double[INPUTS];
                for (int i = 0; i < INPUTS; i++) {
                    row[i] = x[i][r];
                }
                double[] p = model.classProbabilities(row);
                FamilyScore expected = FamilyScore.of(model.classNames(), p, 0.4);
                for (int k = 0; k < p.length; k++) {
                    worst = Math.max(worst, Math.abs(p[k] - byClass[k][r]));
                    assertEquals(p[k], byClass[k][r], tolerance, model + ": class " + k + ", row " + Arrays.toString(row));
                }
                assertEquals(1 - p[0], threat[r], tolerance);
                if (!nearTie(p, tolerance) && Math.abs(1 - p[0] - 0.4) > tolerance) {
                    assertEquals(expected.family(), family[r], "row " + Arrays.toString(row));
                }
            }
        }
        return worst;
    }

    /** Whether two threat classes' probabilities are within {@code tolerance} (ONNX Runtime may then pick the other). */
    private static boolean nearTie(double[] p, double tolerance) {
        for (int a = 1; a < p.length; a++) {
            for (int b = a + 1; b < p.length; b++) {
                if (Math.abs(p[a] - p[b]) <= 2 * tolerance && tolerance > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> names(int classes) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return names;
    }

    /** Random complete trees of depth 2 over the inputs (as ClassModelTest makes them). */
    private static ClassTrees randomTrees(SplittableRandom random, int classes, ClassTrees.Aggregation aggregation,
                                          boolean float32) {
        int trees = 1 + random.nextInt(6);
        int perTree = 7;
        int n = trees * perTree;
        int[] feature = new int[n];
        double[] threshold = new double[n];
        int[] left = new int[n];
        int[] right = new int[n];
        boolean[] missingLeft = new boolean[n];
        double[] value = new double[n * classes];
        int[] roots = new int[trees];
        boolean margins = aggregation == ClassTrees.Aggregation.MARGIN_SUM;
        int[] treeClass = margins ? new int[trees] : null;
        for (int t = 0; t < trees; t++) {
            roots[t] = t * perTree;
            if (margins) {
                treeClass[t] = random.nextInt(classes);
            }
            for (int p = 0; p < perTree; p++) {
                int node = t * perTree + p;
                if (p < 3) {
                    feature[node] = random.nextInt(INPUTS);
                    threshold[node] = Math.rint(random.nextDouble(-1.5, 1.5) * 4) / 4;
                    left[node] = t * perTree + 2 * p + 1;
                    right[node] = t * perTree + 2 * p + 2;
                    missingLeft[node] = random.nextBoolean();
                } else {
                    feature[node] = -1;
                    left[node] = right[node] = -1;
                }
                for (int c = 0; c < classes; c++) {
                    if (margins) {
                        value[node * classes + c] = c == treeClass[t] ? random.nextDouble(-3, 3) : 0;
                    } else {
                        value[node * classes + c] = random.nextInt(8) == 0 ? 0 : random.nextDouble(0, 20);
                    }
                }
            }
        }
        double[] base = null;
        if (margins) {
            base = new double[classes];
            Arrays.setAll(base, c -> random.nextDouble(-1, 1));
        }
        return new ClassTrees(INPUTS, aggregation, float32, names(classes), base, roots, treeClass, feature, threshold, left,
                right, missingLeft, value);
    }

    private static ClassLinear randomLinear(SplittableRandom random, int classes) {
        double[][] weights = new double[classes][INPUTS];
        double[] intercepts = new double[classes];
        for (int k = 0; k < classes - 1; k++) { // Weka's: the last class's row is 0
            Arrays.setAll(weights[k], i -> random.nextDouble(-4, 4));
            intercepts[k] = random.nextDouble(-2, 2);
        }
        return new ClassLinear(names(classes), weights, intercepts);
    }
}
