package io.netsec.experiment.metrics;

/**
 * Figures of a binary detector on labelled data, the threat class being positive.
 *
 * @param accuracy  share of correct calls
 * @param precision share of threat calls that are threats
 * @param recall    share of threats called threats
 * @param f1        harmonic mean of precision and recall
 * @param rocAuc    area under the ROC curve (ties count half)
 * @param prAuc     average precision (area under the precision-recall curve, step-wise)
 * @param logLoss   mean negative log-likelihood (probabilities clipped to [1e-15, 1 - 1e-15])
 * @param falsePositiveRate share of benign records called threats
 * @param confusion the confusion matrix at the threshold
 */
public record BinaryMetrics(
        double accuracy,
        double precision,
        double recall,
        double f1,
        double rocAuc,
        double prAuc,
        double logLoss,
        double falsePositiveRate,
        ConfusionMatrix confusion) {

    /**
     * Counts at a threshold.
     *
     * @param truePositives  threats called threats
     * @param falsePositives benign records called threats
     * @param trueNegatives  benign records called benign
     * @param falseNegatives threats called benign
     */
    public record ConfusionMatrix(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {
    }
}
