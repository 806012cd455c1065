package io.netsec.experiment.metrics;

import java.util.Arrays;

/**
 * Chooses the decision threshold on out-of-fold probabilities of the training part (never on
 * the test part): the one with the best F1, or the lowest one whose false-positive rate stays
 * within a target.
 */
public final class ThresholdSelector {

    private ThresholdSelector() {
    }

    /** A chosen threshold and the rule that chose it. */
    public record Choice(double threshold, String rule, Double targetFalsePositiveRate) {
    }

    /** The threshold with the best F1 (ties: the one closest to 0.5). */
    public static Choice bestF1(int[] labels, double[] probabilities) {
        double[] candidates = candidates(probabilities);
        MetricsCalculator calculator = new MetricsCalculator(labels, probabilities);
        double best = 0.5;
        double bestF1 = -1;
        for (double threshold : candidates) {
            double f1 = calculator.compute(threshold).f1();
            if (f1 > bestF1 + 1e-12 || (Math.abs(f1 - bestF1) <= 1e-12 && Math.abs(threshold - 0.5) < Math.abs(best - 0.5))) {
                bestF1 = f1;
                best = threshold;
            }
        }
        return new Choice(best, "max_f1", null);
    }

    /** The lowest threshold whose false-positive rate is at most {@code target} (so recall is as high as allowed). */
    public static Choice forFalsePositiveRate(int[] labels, double[] probabilities, double target) {
        if (!(target >= 0 && target <= 1)) {
            throw new IllegalArgumentException("the target false-positive rate must be in [0, 1], got " + target);
        }
        MetricsCalculator calculator = new MetricsCalculator(labels, probabilities);
        double[] candidates = candidates(probabilities);
        double chosen = Math.nextUp(1.0);
        for (int i = candidates.length - 1; i >= 0; i--) {
            if (calculator.compute(candidates[i]).falsePositiveRate() <= target) {
                chosen = candidates[i];
            } else {
                break;
            }
        }
        return new Choice(Math.min(chosen, 1.0), "target_fpr", target);
    }

    /** Midpoints between distinct probabilities (at most 512 of them, by quantile), so thresholds generalise. */
    private static double[] candidates(double[] probabilities) {
        double[] distinct = Arrays.stream(probabilities).distinct().sorted().toArray();
        int limit = 512;
        double[] picked = distinct;
        if (distinct.length > limit) {
            picked = new double[limit];
            for (int i = 0; i < limit; i++) {
                picked[i] = distinct[(int) ((long) i * (distinct.length - 1) / (limit - 1))];
            }
        }
        double[] midpoints = new double[picked.length + 1];
        midpoints[0] = picked[0] / 2;
        for (int i = 1; i < picked.length; i++) {
            midpoints[i] = (picked[i - 1] + picked[i]) / 2;
        }
        midpoints[picked.length] = (picked[picked.length - 1] + 1) / 2;
        return midpoints;
    }
}
