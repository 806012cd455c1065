package io.netsec.experiment.split;

import io.netsec.core.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Splits row indices into train/test parts and cross-validation folds, stratified by class: the
 * family when the data has families (see {@code Strata}), else threat or benign.
 *
 * <p>Duplicate-aware splitting keeps every copy of a feature vector on the same side: the
 * phishing data has only 5,785 distinct vectors among 11,055 rows, and a random split puts
 * copies on both sides of the boundary, which inflates every held-out figure. Groups are
 * stratified by their majority class.
 */
public final class DataSplitter {

    private DataSplitter() {
    }

    /** A train/test split of row indices. */
    public record Holdout(int[] train, int[] test) {
    }

    /**
     * Splits {@code rows} (indices into {@code data}) so that about {@code testFraction} of each
     * class goes to the test part.
     */
    public static Holdout holdout(Dataset data, int[] rows, double testFraction, long seed, boolean duplicateAware) {
        return holdout(Strata.of(data), groups(data, rows, duplicateAware), testFraction, seed, duplicateAware);
    }

    /**
     * As {@link #holdout(Dataset, int[], double, long, boolean)} of every row without
     * duplicate-awareness, from each row's class alone: the same rows for the same classes in
     * the same order, so a caller that never holds the feature vectors in one place (Spark)
     * splits exactly as {@code netsec train} does.
     *
     * @param classes    each row's stratum (its 0/1 label, or its family class)
     * @param classCount the number of strata
     */
    public static Holdout holdout(int[] classes, int classCount, double testFraction, long seed) {
        int[] rows = new int[classes.length];
        Arrays.setAll(rows, i -> i);
        return holdout(new Strata(classes, classCount), singletons(rows), testFraction, seed, false);
    }

    private static Holdout holdout(Strata strata, List<int[]> groups, double testFraction, long seed,
                                   boolean duplicateAware) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be between 0 and 1, got " + testFraction);
        }
        int folds = (int) Math.round(1 / testFraction);
        if (Math.abs(1.0 / folds - testFraction) < 1e-9) {
            List<int[]> parts = folds(strata, groups, folds, seed, duplicateAware);
            return new Holdout(concatExcept(parts, 0), parts.get(0));
        }
        return quotaSplit(strata, groups, testFraction, seed);
    }

    /**
     * A stratified sample of about {@code size} of {@code rows} (each class's share kept; with
     * {@code duplicateAware}, whole groups of copies), in index order; all of them when there are
     * no more. In time linear in the rows, whatever the fraction (a search's sample of a large
     * training part is a small one).
     */
    public static int[] sample(Dataset data, int[] rows, int size, long seed, boolean duplicateAware) {
        if (size >= rows.length) {
            return rows.clone();
        }
        return quotaSplit(Strata.of(data), groups(data, rows, duplicateAware), size / (double) rows.length, seed)
                .test();
    }

    /** Whole groups in shuffled order go to the test part until each class's quota is met. */
    private static Holdout quotaSplit(Strata strata, List<int[]> groups, double testFraction, long seed) {
        shuffle(groups, seed);
        int[] classTotals = new int[strata.count()];
        for (int[] group : groups) {
            classTotals[strata.majority(group)] += group.length;
        }
        int[] taken = new int[strata.count()];
        IntBuffer train = new IntBuffer();
        IntBuffer test = new IntBuffer();
        for (int[] group : groups) {
            int label = strata.majority(group);
            if (taken[label] + group.length <= Math.round(classTotals[label] * testFraction)) {
                taken[label] += group.length;
                test.addAll(group);
            } else {
                train.addAll(group);
            }
        }
        return new Holdout(sorted(train.toArray()), sorted(test.toArray()));
    }

    /** Splits {@code rows} into {@code k} stratified folds (each fold's indices sorted). */
    public static List<int[]> folds(Dataset data, int[] rows, int k, long seed, boolean duplicateAware) {
        return folds(Strata.of(data), groups(data, rows, duplicateAware), k, seed, duplicateAware);
    }

    /**
     * As {@link #folds(Dataset, int[], int, long, boolean)} without duplicate-awareness, from the
     * rows' classes alone ({@code classes} indexed by row, as for {@link #holdout(int[], int, double, long)}).
     */
    public static List<int[]> folds(int[] classes, int classCount, int[] rows, int k, long seed) {
        return folds(new Strata(classes, classCount), singletons(rows), k, seed, false);
    }

    private static List<int[]> folds(Strata strata, List<int[]> groups, int k, long seed, boolean duplicateAware) {
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + k);
        }
        if (groups.size() < k) {
            throw new IllegalArgumentException("cannot make " + k + " folds from " + groups.size()
                    + (duplicateAware ? " distinct feature vectors" : " rows"));
        }
        shuffle(groups, seed);
        // Largest groups first, each to the fold with the fewest rows of its class so far: balanced and stratified.
        groups.sort((a, b) -> Integer.compare(b.length, a.length));
        IntBuffer[] parts = new IntBuffer[k];
        int[][] classCounts = new int[k][strata.count()];
        for (int i = 0; i < k; i++) {
            parts[i] = new IntBuffer();
        }
        int next = 0;
        for (int[] group : groups) {
            int label = strata.majority(group);
            int best = -1;
            for (int step = 0; step < k; step++) {
                int fold = (next + step) % k;
                if (best < 0 || classCounts[fold][label] < classCounts[best][label]) {
                    best = fold;
                }
            }
            next = (best + 1) % k;
            parts[best].addAll(group);
            classCounts[best][label] += group.length;
        }
        List<int[]> result = new ArrayList<>(k);
        for (IntBuffer part : parts) {
            result.add(sorted(part.toArray()));
        }
        return result;
    }

    /** All folds but {@code excluded}, joined and sorted: the training part of a fold. */
    public static int[] concatExcept(List<int[]> folds, int excluded) {
        IntBuffer joined = new IntBuffer();
        for (int i = 0; i < folds.size(); i++) {
            if (i != excluded) {
                joined.addAll(folds.get(i));
            }
        }
        return sorted(joined.toArray());
    }

    /** Indices 0..n-1. */
    public static int[] all(Dataset data) {
        int[] rows = new int[data.size()];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    /** Rows grouped by identical feature vector (duplicate-aware), or one group per row; in first-seen order. */
    private static List<int[]> groups(Dataset data, int[] rows, boolean duplicateAware) {
        if (!duplicateAware) {
            return singletons(rows);
        }
        List<int[]> groups = new ArrayList<>();
        Map<FeatureVector, IntBuffer> byVector = new HashMap<>();
        List<IntBuffer> order = new ArrayList<>();
        for (int row : rows) {
            IntBuffer group = byVector.computeIfAbsent(new FeatureVector(data.rows()[row]), key -> {
                IntBuffer created = new IntBuffer();
                order.add(created);
                return created;
            });
            group.add(row);
        }
        for (IntBuffer group : order) {
            groups.add(group.toArray());
        }
        return groups;
    }

    private static List<int[]> singletons(int[] rows) {
        List<int[]> groups = new ArrayList<>(rows.length);
        for (int row : rows) {
            groups.add(new int[] {row});
        }
        return groups;
    }

    private static void shuffle(List<int[]> groups, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = groups.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int[] swap = groups.get(i);
            groups.set(i, groups.get(j));
            groups.set(j, swap);
        }
    }

    private static int[] sorted(int[] values) {
        Arrays.sort(values);
        return values;
    }

    /** A growable int array: the JDK has none, and boxing 10^7 indices is wasteful. */
    static final class IntBuffer {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(int[] more) {
            for (int value : more) {
                add(value);
            }
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
