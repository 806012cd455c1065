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

    /**
     * Each value's bits through MurmurHash3's 64-bit finaliser, then combined. Not
     * {@code Arrays.hashCode}: it folds each double's two halves, and the values of coded data
     * (-1, 0, 1, small integers) have all-zero low halves and few distinct high ones, so every
     * vector of such data fell into a few hundred hash values (555 for a million drawn phishing
     * rows) and each duplicate count or duplicate-aware split went quadratic.
     */
    @Override
    public int hashCode() {
        int hash = 1;
        for (double value : values) {
            long bits = Double.doubleToLongBits(value); // NaN as one value, as equals counts it
            bits ^= bits >>> 33;
            bits *= 0xff51afd7ed558ccdL;
            bits ^= bits >>> 33;
            bits *= 0xc4ceb9fe1a85ec53L;
            bits ^= bits >>> 33;
            hash = 31 * hash + (int) (bits ^ (bits >>> 32));
        }
        return hash;
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
