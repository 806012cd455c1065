package io.netsec.experiment.split;

import java.util.Arrays;

/**
 * A row's feature values as a hash key: equal when every value is, NaN (a missing value) equal
 * to NaN, as duplicates are counted. The array is not copied: callers key rows they keep.
 */
public record FeatureVector(double[] values) {

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureVector vector && Arrays.equals(values, vector.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
