/**
 * The figures a model is judged by, from threat probabilities and labels alone: accuracy,
 * precision, recall, F1, ROC and precision-recall curves and their areas, log loss, the
 * confusion matrix ({@link io.netsec.experiment.metrics.MetricsCalculator}), their bootstrap
 * intervals, and the threshold choice on out-of-fold scores. No model library is needed, so
 * training, {@code netsec evaluate} and Spark compute the same numbers.
 */
package io.netsec.experiment.metrics;
