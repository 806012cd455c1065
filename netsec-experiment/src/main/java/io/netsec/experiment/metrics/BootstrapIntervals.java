package io.netsec.experiment.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
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
        return compute(calculator.size(), resamples, seed, weights -> {
            BinaryMetrics resampled = calculator.compute(threshold, weights);
            Map<String, Double> values = new LinkedHashMap<>();
            metrics.forEach((name, read) -> values.put(name, read.applyAsDouble(resampled)));
            return values;
        });
    }

    /**
     * 95% intervals of the named statistics over {@code resamples} resamples of {@code rows} rows
     * with replacement, each resample given as row multiplicities; the same seed draws the same
     * resamples as {@link #compute(MetricsCalculator, double, int, long)}. A statistic that is NaN
     * in a resample (undefined there) is left out of its percentiles; NaN in all gives a NaN interval.
     *
     * @param statistics the statistics of one resample, the same names in the same order each time
     */
    public static Map<String, Interval> compute(int rows, int resamples, long seed,
            Function<int[], Map<String, Double>> statistics) {
        Map<String, double[]> samples = new LinkedHashMap<>();
        if (resamples == 0) {
            // No resample: every statistic still gets its (NaN) interval, as reports list them all.
            int[] once = new int[rows];
            java.util.Arrays.fill(once, 1);
            statistics.apply(once).keySet().forEach(name -> samples.put(name, new double[0]));
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] weights = new int[rows];
        for (int r = 0; r < resamples; r++) {
            java.util.Arrays.fill(weights, 0);
            for (int i = 0; i < rows; i++) {
                weights[random.nextInt(rows)]++;
            }
            for (Map.Entry<String, Double> statistic : statistics.apply(weights).entrySet()) {
                samples.computeIfAbsent(statistic.getKey(), name -> new double[resamples])[r] = statistic.getValue();
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
