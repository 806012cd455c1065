package io.netsec.experiment.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/** Percentile bootstrap confidence intervals of every metric, from resamples of the scored rows. */
public final class BootstrapIntervals {

    private BootstrapIntervals() {
    }

    /** A confidence interval. */
    public record Interval(double low, double high) {
    }

    /**
     * 95% intervals (2.5th and 97.5th percentiles) of each metric over {@code resamples} resamples
     * with replacement, reproducible by {@code seed}.
     */
    public static Map<String, Interval> compute(MetricsCalculator calculator, double threshold, int resamples, long seed) {
        Map<String, ToDoubleFunction<BinaryMetrics>> metrics = MetricNames.NUMERIC;
        Map<String, double[]> samples = new LinkedHashMap<>();
        metrics.keySet().forEach(name -> samples.put(name, new double[resamples]));
        SplittableRandom random = new SplittableRandom(seed);
        int n = calculator.size();
        int[] weights = new int[n];
        for (int r = 0; r < resamples; r++) {
            java.util.Arrays.fill(weights, 0);
            for (int i = 0; i < n; i++) {
                weights[random.nextInt(n)]++;
            }
            BinaryMetrics resampled = calculator.compute(threshold, weights);
            for (Map.Entry<String, ToDoubleFunction<BinaryMetrics>> metric : metrics.entrySet()) {
                samples.get(metric.getKey())[r] = metric.getValue().applyAsDouble(resampled);
            }
        }
        Map<String, Interval> intervals = new LinkedHashMap<>();
        Percentile percentile = new Percentile();
        for (Map.Entry<String, double[]> entry : samples.entrySet()) {
            double[] values = java.util.Arrays.stream(entry.getValue()).filter(v -> !Double.isNaN(v)).toArray();
            intervals.put(entry.getKey(), values.length == 0 ? new Interval(Double.NaN, Double.NaN)
                    : new Interval(percentile.evaluate(values, 2.5), percentile.evaluate(values, 97.5)));
        }
        return intervals;
    }
}
