package io.netsec.experiment.metrics;

import java.util.Arrays;

/**
 * Computes {@link BinaryMetrics} with optional per-row weights: a bootstrap resample is the same
 * rows with multiplicities, so one sort serves all resamples (see {@link BootstrapIntervals}).
 * Written here because the metrics need weights and one shared sort, which no JVM statistics
 * library offers together.
 */
public final class MetricsCalculator {

    private final int[] labels;
    private final double[] probabilities;
    /** Row indices by ascending probability. */
    private final int[] ascending;
    /** The labels and probabilities in that order: the curves read them in sequence (a bootstrap of millions of rows). */
    private final int[] sortedLabels;
    private final double[] sortedProbabilities;
    /** Each row's log loss, computed once for every resample. */
    private final double[] rowLogLoss;

    /**
     * @param labels        1 for a threat, 0 for benign
     * @param probabilities threat probabilities, one per row
     */
    public MetricsCalculator(int[] labels, double[] probabilities) {
        if (labels.length != probabilities.length || labels.length == 0) {
            throw new IllegalArgumentException("need as many probabilities as labels, and at least one");
        }
        this.labels = labels.clone();
        this.probabilities = probabilities.clone();
        this.ascending = java.util.stream.IntStream.range(0, labels.length).boxed()
                .sorted((a, b) -> Double.compare(probabilities[a], probabilities[b]))
                .mapToInt(Integer::intValue).toArray();
        this.sortedLabels = new int[labels.length];
        this.sortedProbabilities = new double[labels.length];
        this.rowLogLoss = new double[labels.length];
        for (int k = 0; k < ascending.length; k++) {
            sortedLabels[k] = labels[ascending[k]];
            sortedProbabilities[k] = probabilities[ascending[k]];
        }
        for (int i = 0; i < labels.length; i++) {
            double p = Math.min(Math.max(probabilities[i], 1e-15), 1 - 1e-15);
            rowLogLoss[i] = -(labels[i] == 1 ? Math.log(p) : Math.log(1 - p));
        }
    }

    /** The metrics of all rows, each counted once. */
    public BinaryMetrics compute(double threshold) {
        int[] weights = new int[labels.length];
        Arrays.fill(weights, 1);
        return compute(threshold, weights);
    }

    /** The metrics with row {@code i} counted {@code weights[i]} times. */
    public BinaryMetrics compute(double threshold, int[] weights) {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        double logLoss = 0;
        for (int i = 0; i < labels.length; i++) {
            int w = weights[i];
            if (w == 0) {
                continue;
            }
            boolean calledThreat = probabilities[i] >= threshold;
            if (labels[i] == 1) {
                if (calledThreat) tp += w; else fn += w;
            } else {
                if (calledThreat) fp += w; else tn += w;
            }
            logLoss += w * rowLogLoss[i];
        }
        int[] sortedWeights = inAscendingOrder(weights);
        long total = tp + fp + tn + fn;
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double fpr = fp + tn == 0 ? 0 : (double) fp / (fp + tn);
        return new BinaryMetrics((double) (tp + tn) / total, precision, recall, f1,
                sortedRocAuc(sortedWeights), averagePrecision(sortedWeights), logLoss / total, fpr,
                new BinaryMetrics.ConfusionMatrix(tp, fp, tn, fn));
    }

    /**
     * Mann-Whitney form of the ROC AUC with row {@code i} counted {@code weights[i]} times; tied
     * scores count half; NaN without rows of both classes.
     */
    public double rocAuc(int[] weights) {
        return sortedRocAuc(inAscendingOrder(weights));
    }

    /** Each row's weight at its place in ascending order of probability. */
    private int[] inAscendingOrder(int[] weights) {
        int[] sorted = new int[weights.length];
        for (int k = 0; k < sorted.length; k++) {
            sorted[k] = weights[ascending[k]];
        }
        return sorted;
    }

    /** {@link #rocAuc} from the weights in ascending order of probability. */
    private double sortedRocAuc(int[] weights) {
        double negativesBelow = 0;
        double positives = 0;
        double numerator = 0;
        for (int start = 0; start < sortedLabels.length; ) {
            int end = start;
            double groupPositives = 0, groupNegatives = 0;
            while (end < sortedLabels.length && sortedProbabilities[end] == sortedProbabilities[start]) {
                if (sortedLabels[end] == 1) groupPositives += weights[end]; else groupNegatives += weights[end];
                end++;
            }
            numerator += groupPositives * (negativesBelow + 0.5 * groupNegatives);
            negativesBelow += groupNegatives;
            positives += groupPositives;
            start = end;
        }
        return positives == 0 || negativesBelow == 0 ? Double.NaN : numerator / (positives * negativesBelow);
    }

    /**
     * Average precision over the distinct thresholds, from the highest score down (as scikit-learn
     * computes it), from the weights in ascending order of probability.
     */
    private double averagePrecision(int[] weights) {
        double positives = 0;
        for (int k = 0; k < sortedLabels.length; k++) {
            positives += sortedLabels[k] * weights[k];
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double tp = 0, fp = 0, sum = 0;
        for (int end = sortedLabels.length - 1; end >= 0; ) {
            int start = end;
            double groupPositives = 0, groupNegatives = 0;
            while (start >= 0 && sortedProbabilities[start] == sortedProbabilities[end]) {
                if (sortedLabels[start] == 1) groupPositives += weights[start]; else groupNegatives += weights[start];
                start--;
            }
            tp += groupPositives;
            fp += groupNegatives;
            if (groupPositives > 0) {
                sum += (tp / (tp + fp)) * (groupPositives / positives);
            }
            end = start;
        }
        return sum;
    }

    public int size() {
        return labels.length;
    }
}
