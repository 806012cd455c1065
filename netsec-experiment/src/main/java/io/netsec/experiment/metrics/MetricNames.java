package io.netsec.experiment.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The names metrics have in manifests, reports and MLflow, with how to read each. */
public final class MetricNames {

    public static final Map<String, ToDoubleFunction<BinaryMetrics>> NUMERIC;

    static {
        Map<String, ToDoubleFunction<BinaryMetrics>> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", BinaryMetrics::accuracy);
        metrics.put("precision", BinaryMetrics::precision);
        metrics.put("recall", BinaryMetrics::recall);
        metrics.put("f1", BinaryMetrics::f1);
        metrics.put("roc_auc", BinaryMetrics::rocAuc);
        metrics.put("pr_auc", BinaryMetrics::prAuc);
        metrics.put("log_loss", BinaryMetrics::logLoss);
        metrics.put("false_positive_rate", BinaryMetrics::falsePositiveRate);
        NUMERIC = java.util.Collections.unmodifiableMap(metrics);
    }

    private MetricNames() {
    }

    /** The metrics as a name-to-value map, in the usual order. */
    public static Map<String, Double> asMap(BinaryMetrics metrics) {
        Map<String, Double> values = new LinkedHashMap<>();
        NUMERIC.forEach((name, read) -> values.put(name, read.applyAsDouble(metrics)));
        return values;
    }
}
