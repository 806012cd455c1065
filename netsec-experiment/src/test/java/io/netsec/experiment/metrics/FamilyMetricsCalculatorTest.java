package io.netsec.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FamilyMetricsCalculatorTest {

    private static final List<String> CLASSES = List.of("normal", "dos", "probe", "u2r");
    // u2r has no row but is predicted once (row 8); row 6 ties dos and probe; row 7 sits on the threshold.
    private static final int[] ACTUAL = {0, 0, 0, 1, 1, 1, 2, 2, 1};
    private static final double[][] PROBABILITIES = {
            {0.9, 0.05, 0.03, 0.02}, // threat 0.1: normal
            {0.6, 0.1, 0.3, 0.0},    // threat 0.4: normal
            {0.3, 0.2, 0.5, 0.0},    // threat 0.7: probe
            {0.1, 0.8, 0.1, 0.0},    // dos
            {0.2, 0.5, 0.3, 0.0},    // dos
            {0.7, 0.2, 0.1, 0.0},    // threat 0.3: normal
            {0.2, 0.4, 0.4, 0.0},    // dos and probe tie: dos, the lower index
            {0.5, 0.1, 0.3, 0.1},    // threat exactly 0.5: probe
            {0.4, 0.1, 0.1, 0.4},    // u2r
    };

    // Every expected figure below is computed by hand; they equal scikit-learn's
    // classification_report(y_true, y_pred, zero_division=0) / precision_recall_fscore_support
    // on the same arrays (y_pred by the predicted-class rule), and roc_auc_score one-vs-rest per class.
    @Test
    void perClassFiguresMatchTheConfusionCounts() {
        FamilyMetrics metrics = new FamilyMetricsCalculator(CLASSES, ACTUAL, PROBABILITIES).compute(0.5);
        long[][] expected = {
                {2, 0, 1, 0},
                {1, 2, 0, 1},
                {0, 1, 1, 0},
                {0, 0, 0, 0},
        };
        assertArrayEquals(expected, metrics.confusion());
        assertFigures(metrics.figures("normal"), 2.0 / 3, 2.0 / 3, 2.0 / 3, 3);
        assertFigures(metrics.figures("dos"), 2.0 / 3, 0.5, 4.0 / 7, 4);
        assertFigures(metrics.figures("probe"), 0.5, 0.5, 0.5, 2);
        // No row: recall 0 by zero_division=0; predicted once, wrongly: precision 0.
        assertFigures(metrics.figures("u2r"), 0, 0, 0, 0);
    }

    @Test
    void macroAveragesAreMeansAndWeightedAveragesWeighBySupport() {
        FamilyMetrics metrics = new FamilyMetricsCalculator(CLASSES, ACTUAL, PROBABILITIES).compute(0.5);
        // u2r is predicted, so it is one of scikit-learn's labels and counts in the macro means.
        assertEquals((2.0 / 3 + 2.0 / 3 + 0.5 + 0) / 4, metrics.macroPrecision(), 1e-12);
        assertEquals((2.0 / 3 + 0.5 + 0.5 + 0) / 4, metrics.macroRecall(), 1e-12);
        assertEquals(73.0 / 168, metrics.macroF1(), 1e-12);
        assertEquals(17.0 / 27, metrics.weightedPrecision(), 1e-12);
        assertEquals(5.0 / 9, metrics.weightedRecall(), 1e-12, "the weighted recall is the accuracy");
        assertEquals(37.0 / 63, metrics.weightedF1(), 1e-12);
    }

    @Test
    void aClassWithNeitherRowNorPredictionIsLeftOutOfTheMacroMeans() {
        List<String> five = List.of("normal", "dos", "probe", "u2r", "r2l");
        double[][] withR2l = new double[PROBABILITIES.length][];
        for (int i = 0; i < withR2l.length; i++) {
            withR2l[i] = java.util.Arrays.copyOf(PROBABILITIES[i], 5);
        }
        FamilyMetrics metrics = new FamilyMetricsCalculator(five, ACTUAL, withR2l).compute(0.5);
        assertFigures(metrics.figures("r2l"), 0, 0, 0, 0);
        assertEquals(73.0 / 168, metrics.macroF1(), 1e-12, "as scikit-learn's default labels, those in either array");
        assertEquals(37.0 / 63, metrics.weightedF1(), 1e-12);
    }

    @Test
    void oneVsRestAucsComeFromEachClassColumn() {
        FamilyMetrics metrics = new FamilyMetricsCalculator(CLASSES, ACTUAL, PROBABILITIES).compute(0.5);
        // normal: 14 of 18 pairs ordered right; dos: 15.5 of 20 (ties count half); probe: 11 of 14.
        assertEquals(14.0 / 18, metrics.figures("normal").rocAucOvr(), 1e-12);
        assertEquals(15.5 / 20, metrics.figures("dos").rocAucOvr(), 1e-12);
        assertEquals(11.0 / 14, metrics.figures("probe").rocAucOvr(), 1e-12);
        assertTrue(Double.isNaN(metrics.figures("u2r").rocAucOvr()), "no u2r row: no AUC");
        assertEquals((14.0 / 18 + 15.5 / 20 + 11.0 / 14) / 3, metrics.macroRocAucOvr(), 1e-12);
        assertEquals(MultiClassAuc.macro(ACTUAL, PROBABILITIES, 4), metrics.macroRocAucOvr(), 1e-12);
    }

    @Test
    void thePredictedClassIsBenignBelowTheThresholdElseTheMostProbableThreatClass() {
        assertEquals(0, FamilyMetricsCalculator.predictedClass(new double[] {0.6, 0.3, 0.1}, 0.5));
        assertEquals(2, FamilyMetricsCalculator.predictedClass(new double[] {0.5, 0.1, 0.4}, 0.5), "threat at the threshold");
        assertEquals(1, FamilyMetricsCalculator.predictedClass(new double[] {0.2, 0.4, 0.4}, 0.5), "ties go to the lower index");
        // The benign class is the most probable one, yet the threat probability 0.55 reaches 0.3.
        assertEquals(2, FamilyMetricsCalculator.predictedClass(new double[] {0.45, 0.25, 0.3}, 0.3));
    }

    @Test
    void twoClassesGiveTheBinaryFigures() {
        int[] labels = {1, 1, 1, 0, 0, 0, 0};
        double[] threat = {0.875, 0.75, 0.375, 0.625, 0.25, 0.125, 0.0};
        double[][] p = new double[threat.length][];
        for (int i = 0; i < threat.length; i++) {
            p[i] = new double[] {1 - threat[i], threat[i]};
        }
        BinaryMetrics binary = new MetricsCalculator(labels, threat).compute(0.5);
        ClassFigures figures = new FamilyMetricsCalculator(List.of("benign", "threat"), labels, p).compute(0.5).figures("threat");
        assertEquals(binary.precision(), figures.precision(), 1e-12);
        assertEquals(binary.recall(), figures.recall(), 1e-12);
        assertEquals(binary.f1(), figures.f1(), 1e-12);
        assertEquals(binary.rocAuc(), figures.rocAucOvr(), 1e-12);
    }

    @Test
    void bootstrapIntervalsAreReproducibleContainTheEstimatesAndSkipAbsentClasses() {
        FamilyMetricsCalculator calculator = new FamilyMetricsCalculator(CLASSES, ACTUAL, PROBABILITIES);
        Map<String, BootstrapIntervals.Interval> intervals = calculator.intervals(0.5, 500, 7);
        assertEquals(intervals, calculator.intervals(0.5, 500, 7));
        assertEquals(List.of("macro_f1", "weighted_f1", "macro_roc_auc_ovr",
                "recall_normal", "recall_dos", "recall_probe", "recall_u2r"), List.copyOf(intervals.keySet()));
        BootstrapIntervals.Interval macroF1 = intervals.get(FamilyMetricsCalculator.MACRO_F1);
        assertTrue(macroF1.low() <= 73.0 / 168 && 73.0 / 168 <= macroF1.high(), macroF1.toString());
        assertTrue(macroF1.high() - macroF1.low() > 0.1, "nine rows give a wide interval");
        BootstrapIntervals.Interval dos = intervals.get(FamilyMetricsCalculator.recallName("dos"));
        assertTrue(dos.low() <= 0.5 && 0.5 <= dos.high(), dos.toString());
        BootstrapIntervals.Interval u2r = intervals.get("recall_u2r");
        assertTrue(Double.isNaN(u2r.low()) && Double.isNaN(u2r.high()), "no resample has a u2r row");
    }

    @Test
    void noResampleGivesEveryIntervalUndefined() {
        Map<String, BootstrapIntervals.Interval> intervals =
                new FamilyMetricsCalculator(CLASSES, ACTUAL, PROBABILITIES).intervals(0.5, 0, 7);
        assertEquals(7, intervals.size());
        assertTrue(intervals.values().stream().allMatch(i -> Double.isNaN(i.low())));
    }

    @Test
    void refusesRowsWithTheWrongNumberOfClasses() {
        assertThrows(IllegalArgumentException.class,
                () -> new FamilyMetricsCalculator(CLASSES, new int[] {0}, new double[][] {{0.5, 0.5}}));
        assertThrows(IllegalArgumentException.class,
                () -> new FamilyMetricsCalculator(CLASSES, new int[] {4}, new double[][] {{0.25, 0.25, 0.25, 0.25}}));
    }

    private static void assertFigures(ClassFigures figures, double precision, double recall, double f1, long support) {
        assertEquals(precision, figures.precision(), 1e-12, figures.name() + " precision");
        assertEquals(recall, figures.recall(), 1e-12, figures.name() + " recall");
        assertEquals(f1, figures.f1(), 1e-12, figures.name() + " f1");
        assertEquals(support, figures.support(), figures.name() + " support");
    }
}
