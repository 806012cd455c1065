package io.netsec.core.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The conditions of a {@link CompleteTrees} walk, when fewer than 64: each distinct
 * (feature, threshold) pair has a bit. A feature's sorted thresholds have consecutive bits
 * and a value meets a prefix of them ({@code x >= threshold}), so a vector's bits cost a
 * count per feature, not a comparison per node.
 */
final class ConditionBits {

    /** The bit each padded inner node reads; a padding node reads {@code never}. */
    final byte[] condition;
    /** The features some node splits on. */
    final int[] features;
    /** Each of those features' sorted distinct thresholds, as the walk compares them. */
    final double[][] cuts;
    /** Each of those features' first bit. */
    final int[] firstBit;
    /** Whether inputs are compared in float. */
    final boolean float32;
    /** The leaf tables of the trees that read few conditions. */
    final LeafTables tables;

    private ConditionBits(byte[] condition, int[] features, double[][] cuts, int[] firstBit, boolean float32,
                          LeafTables tables) {
        this.condition = condition;
        this.features = features;
        this.cuts = cuts;
        this.firstBit = firstBit;
        this.float32 = float32;
        this.tables = tables;
    }

    /** The conditions of {@code trees}, or null when there are 64 or more (one bit stays clear for padding). */
    static ConditionBits of(CompleteTrees trees, int featureCount, boolean float32) {
        List<TreeSet<Double>> byFeature = new ArrayList<>();
        for (int f = 0; f < featureCount; f++) {
            byFeature.add(new TreeSet<>());
        }
        for (int slot = 0; slot < trees.feature.length; slot++) {
            if (!isPadding(trees, slot)) {
                byFeature.get(trees.feature[slot]).add(cut(trees, slot, float32));
            }
        }
        int never = byFeature.stream().mapToInt(Set::size).sum();
        if (never >= Long.SIZE) {
            return null;
        }
        int[] features = IntStream.range(0, featureCount)
                .filter(f -> !byFeature.get(f).isEmpty()).toArray();
        double[][] cuts = new double[featureCount][];
        int[] firstBit = new int[featureCount];
        double[][] usedCuts = new double[features.length][];
        int[] usedFirstBit = new int[features.length];
        for (int u = 0, bit = 0; u < features.length; u++) {
            int f = features[u];
            cuts[f] = byFeature.get(f).stream().mapToDouble(Double::doubleValue).toArray();
            firstBit[f] = bit;
            usedCuts[u] = cuts[f];
            usedFirstBit[u] = bit;
            bit += cuts[f].length;
        }
        byte[] condition = new byte[trees.feature.length];
        for (int slot = 0; slot < condition.length; slot++) {
            int f = trees.feature[slot];
            condition[slot] = (byte) (isPadding(trees, slot) ? never
                    : firstBit[f] + Arrays.binarySearch(cuts[f], cut(trees, slot, float32)));
        }
        return new ConditionBits(condition, features, usedCuts, usedFirstBit, float32,
                LeafTables.of(trees, condition, never));
    }

    /** A padding node's threshold is infinite; real infinite thresholds never reach a {@link CompleteTrees}. */
    private static boolean isPadding(CompleteTrees trees, int slot) {
        return Double.isInfinite(trees.threshold[slot]);
    }

    /** A node's threshold as the walk compares it: in float for float32 ensembles, -0.0 as 0.0 (equal in every comparison). */
    private static double cut(CompleteTrees trees, int slot, boolean float32) {
        return (float32 ? (double) trees.thresholdFloat[slot] : trees.threshold[slot]) + 0.0;
    }

    /** The bits of the conditions {@code x} (no NaN) meets. */
    long met(double[] x) {
        return met(x, 0, Integer.MAX_VALUE);
    }

    /** The bits of the conditions on inputs {@code from} to {@code to - 1} that {@code x} (no NaN there) meets. */
    long met(double[] x, int from, int to) {
        long met = 0;
        for (int u = 0; u < features.length; u++) {
            if (features[u] < from || features[u] >= to) {
                continue;
            }
            double value = float32 ? (float) x[features[u]] : x[features[u]];
            double[] sorted = cuts[u];
            int count = 0;
            for (double cut : sorted) {
                count += cut <= value ? 1 : 0; // no early exit: a branch on the value mispredicts
            }
            met |= ((1L << count) - 1) << firstBit[u]; // count < 64: one bit is always left for padding
        }
        return met;
    }
}
