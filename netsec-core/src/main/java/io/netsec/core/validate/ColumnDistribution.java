package io.netsec.core.validate;

import java.util.Arrays;
import java.util.List;

/**
 * The observed values of one feature column with their counts, missing cells left out: a
 * numeric column as sorted distinct numbers, a categorical one as sorted distinct categories.
 * Exact (no binning), and as large as the number of distinct values, not of rows.
 *
 * @param column     the feature column
 * @param numeric    whether the values are numbers ({@link #values}) or categories ({@link #categories})
 * @param values     sorted distinct numbers of a numeric column (empty otherwise)
 * @param categories sorted distinct categories of a categorical column (empty otherwise)
 * @param counts     how often each value or category occurs, aligned with it
 */
public record ColumnDistribution(String column, boolean numeric, double[] values, List<String> categories, long[] counts) {

    public ColumnDistribution {
        values = values.clone();
        categories = List.copyOf(categories);
        counts = counts.clone();
        if (counts.length != (numeric ? values.length : categories.size())) {
            throw new IllegalArgumentException("counts do not line up with the values of column " + column);
        }
    }

    /**
     * This distribution with at most {@code maxValues} distinct numbers: a numeric column with more
     * is cut, in value order, into {@code maxValues} runs of about equal count, each kept as one
     * value (the run's count-weighted mean) with the run's count. The total count and the mean stay;
     * a categorical column, or one with few enough values, is returned as it is. What a bundle
     * keeps of a continuous column of millions of rows (its reference) stays small.
     */
    public ColumnDistribution atMost(int maxValues) {
        if (!numeric || values.length <= maxValues) {
            return this;
        }
        long total = total();
        double[] merged = new double[maxValues];
        long[] mergedCounts = new long[maxValues];
        int run = 0;
        double weighted = 0;
        long seen = 0;
        for (int i = 0; i < values.length; i++) {
            weighted += values[i] * counts[i];
            mergedCounts[run] += counts[i];
            seen += counts[i];
            boolean runFull = seen >= (run + 1) * (double) total / maxValues;
            boolean valuesLeftForRuns = values.length - i - 1 > maxValues - run - 1;
            if (i == values.length - 1 || run < maxValues - 1 && (runFull || !valuesLeftForRuns)) {
                merged[run] = weighted / mergedCounts[run];
                weighted = 0;
                run++;
            }
        }
        return new ColumnDistribution(column, true, Arrays.copyOf(merged, run), List.of(),
                Arrays.copyOf(mergedCounts, run));
    }

    /** Non-missing cells. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** Distinct values or categories. */
    public int distinct() {
        return counts.length;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ColumnDistribution that && column.equals(that.column) && numeric == that.numeric
                && Arrays.equals(values, that.values) && categories.equals(that.categories)
                && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return column.hashCode() * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ColumnDistribution[" + column + ", " + distinct() + " distinct, " + total() + " values]";
    }
}
