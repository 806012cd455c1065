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
