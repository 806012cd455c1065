package io.netsec.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsCalculatorTest {

    // Threats score 0.9, 0.8, 0.4; benign 0.7, 0.3, 0.2, 0.1.
    private static final int[] LABELS = {1, 1, 1, 0, 0, 0, 0};
    private static final double[] PROBABILITIES = {0.9, 0.8, 0.4, 0.7, 0.3, 0.2, 0.1};

    @Test
    void computesTheConfusionMatrixAndRatesAtTheThreshold() {
        BinaryMetrics metrics = new MetricsCalculator(LABELS, PROBABILITIES).compute(0.5);
        assertEquals(new BinaryMetrics.ConfusionMatrix(2, 1, 3, 1), metrics.confusion());
        assertEquals(5.0 / 7, metrics.accuracy(), 1e-12);
        assertEquals(2.0 / 3, metrics.precision(), 1e-12);
        assertEquals(2.0 / 3, metrics.recall(), 1e-12);
        assertEquals(2.0 / 3, metrics.f1(), 1e-12);
        assertEquals(0.25, metrics.falsePositiveRate(), 1e-12);
    }

    @Test
    void rocAucCountsOrderedPairsAndTiesHalf() {
        // Of 12 threat/benign pairs, the threat scores higher in 11 (0.4 < 0.7 is the one miss).
        assertEquals(11.0 / 12, new MetricsCalculator(LABELS, PROBABILITIES).compute(0.5).rocAuc(), 1e-12);
        assertEquals(0.5, new MetricsCalculator(new int[] {1, 0}, new double[] {0.3, 0.3}).compute(0.5).rocAuc(), 1e-12);
    }

    @Test
    void averagePrecisionFollowsTheRankedList() {
        // Ranked: T(0.9) T(0.8) B(0.7) T(0.4): precision at each threat 1, 1, 3/4; each adds 1/3 of recall.
        double expected = (1 + 1 + 0.75) / 3;
        assertEquals(expected, new MetricsCalculator(LABELS, PROBABILITIES).compute(0.5).prAuc(), 1e-12);
    }

    @Test
    void logLossIsTheMeanNegativeLogLikelihood() {
        BinaryMetrics metrics = new MetricsCalculator(new int[] {1, 0}, new double[] {0.8, 0.4}).compute(0.5);
        assertEquals(-(Math.log(0.8) + Math.log(0.6)) / 2, metrics.logLoss(), 1e-12);
    }

    @Test
    void bootstrapIntervalsAreReproducibleAndContainTheEstimate() {
        MetricsCalculator calculator = new MetricsCalculator(LABELS, PROBABILITIES);
        Map<String, BootstrapIntervals.Interval> first = BootstrapIntervals.compute(calculator, 0.5, 500, 3);
        assertEquals(first, BootstrapIntervals.compute(calculator, 0.5, 500, 3));
        BootstrapIntervals.Interval accuracy = first.get("accuracy");
        assertTrue(accuracy.low() <= 5.0 / 7 && 5.0 / 7 <= accuracy.high(), accuracy.toString());
        assertTrue(accuracy.high() - accuracy.low() > 0.1, "seven rows give a wide interval");
    }

    @Test
    void thresholdForATargetFalsePositiveRateKeepsTheRateWithinTarget() {
        ThresholdSelector.Choice choice = ThresholdSelector.forFalsePositiveRate(LABELS, PROBABILITIES, 0.0);
        BinaryMetrics metrics = new MetricsCalculator(LABELS, PROBABILITIES).compute(choice.threshold());
        assertEquals(0.0, metrics.falsePositiveRate());
        assertEquals(2.0 / 3, metrics.recall(), 1e-12, "the two threats above the highest benign score");
        ThresholdSelector.Choice best = ThresholdSelector.bestF1(LABELS, PROBABILITIES);
        assertTrue(new MetricsCalculator(LABELS, PROBABILITIES).compute(best.threshold()).f1() >= 0.8 - 1e-12);
    }
}
