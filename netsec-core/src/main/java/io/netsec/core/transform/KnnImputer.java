package io.netsec.core.transform;

import java.util.Arrays;

/**
 * k-nearest-neighbour imputation as scikit-learn's {@code KNNImputer} does it (the original
 * project's choice): distances use only the features both rows have ("nan-euclidean", scaled
 * up for the features skipped; differing categories count 1), and a missing value gets the mean of its k nearest training
 * rows that have it (the most frequent category for categorical columns). Written here because
 * no small JVM library offers it.
 *
 * @param neighbours how many neighbours vote
 * @param reference  encoded training rows (NaN where missing), at most a few thousand
 * @param categorical which columns hold category codes (most frequent instead of mean)
 */
public record KnnImputer(int neighbours, double[][] reference, boolean[] categorical) {

    public KnnImputer {
        reference = Arrays.stream(reference).map(double[]::clone).toArray(double[][]::new);
        categorical = categorical.clone();
        if (neighbours < 1) {
            throw new IllegalArgumentException("KNN imputation needs at least 1 neighbour, not " + neighbours);
        }
        for (int r = 0; r < reference.length; r++) {
            if (reference[r].length != categorical.length) {
                throw new IllegalArgumentException("KNN reference row " + r + " has " + reference[r].length
                        + " values, not one per feature (" + categorical.length + ")");
            }
            for (double value : reference[r]) {
                if (Double.isInfinite(value)) { // NaN is a missing value, kept so
                    throw new IllegalArgumentException("KNN reference row " + r + " holds " + value);
                }
            }
        }
    }

    // A record compares arrays by reference: two loads of one bundle must be equal.
    @Override
    public boolean equals(Object other) {
        return other instanceof KnnImputer k && neighbours == k.neighbours && Arrays.deepEquals(reference, k.reference)
                && Arrays.equals(categorical, k.categorical);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * neighbours + Arrays.deepHashCode(reference)) + Arrays.hashCode(categorical);
    }

    @Override
    public String toString() {
        return "KnnImputer[neighbours=" + neighbours + ", reference=" + reference.length + " rows, categorical="
                + Arrays.toString(categorical) + "]";
    }

    /** A copy of {@code raw} with its missing values filled; values no neighbour has keep NaN. */
    double[] impute(double[] raw, FittedTransform transform) {
        int n = reference.length;
        double[] distance = new double[n];
        Integer[] order = new Integer[n];
        for (int r = 0; r < n; r++) {
            distance[r] = nanEuclidean(raw, reference[r]);
            order[r] = r;
        }
        Arrays.sort(order, (a, b) -> Double.compare(distance[a], distance[b]));
        double[] filled = raw.clone();
        for (int c = 0; c < raw.length; c++) {
            if (!Double.isNaN(raw[c])) {
                continue;
            }
            double[] values = new double[neighbours];
            int found = 0;
            for (int i = 0; i < n && found < neighbours; i++) {
                double value = reference[order[i]][c];
                if (!Double.isNaN(value) && Double.isFinite(distance[order[i]])) {
                    values[found++] = value;
                }
            }
            if (found > 0) {
                filled[c] = categorical[c] ? TransformFitter.mostFrequent(Arrays.copyOf(values, found)) : mean(values, found);
            }
        }
        return filled;
    }

    /** Category codes have no order, so two categories are at distance 1 when they differ. */
    private double nanEuclidean(double[] a, double[] b) {
        double sum = 0;
        int present = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                double d = categorical[i] ? (a[i] == b[i] ? 0 : 1) : a[i] - b[i];
                sum += d * d;
                present++;
            }
        }
        return present == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(sum * a.length / present);
    }

    private static double mean(double[] values, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        return sum / count;
    }

    @Override
    public double[][] reference() {
        return Arrays.stream(reference).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public boolean[] categorical() {
        return categorical.clone();
    }
}
