package io.netsec.core.engine;

import io.netsec.core.model.TreeEnsemble;
import io.netsec.core.model.TreeEnsemble.Aggregation;

/**
 * A tree ensemble compiled for speed. A vector with a NaN takes the model's reference walk (the
 * missing-value side is per node); any other takes the fastest plan the trees allow:
 * <ul>
 * <li>trees of depth 8 or less: padded to one depth and walked in lock step ({@link CompleteTrees}),
 * by condition bits and leaf tables when the ensemble has fewer than 64 distinct conditions;</li>
 * <li>deeper trees: the pointer walk, four trees at a time, both children of a node side by side.</li>
 * </ul>
 * Leaves found by any plan are combined by the model's own {@link TreeEnsemble#probabilityOfLeaves},
 * or for boosted float32 trees summed in float in tree order and passed to
 * {@link TreeEnsemble#probabilityOfMargin}, so every plan answers the reference's bits.
 */
final class CompiledTrees extends CompiledModel {

    private final TreeEnsemble model;
    private final int featureCount;
    private final Aggregation aggregation;
    private final boolean float32;
    private final double baseScore;
    private final int[] treeRoots;
    private final int[] feature;
    /** Both children of node i at [2i] and [2i + 1]: one cache line instead of two. */
    private final int[] children;
    /**
     * The thresholds as the pointer walk compares them: each float threshold widened to double in
     * a float32 ensemble (a comparison of two floats widened is the comparison in float), else
     * the threshold itself; so one walk serves both arithmetics.
     */
    private final double[] comparedThreshold;
    /** The same trees padded to one depth, for a walk with no branch per node (null when too deep). */
    private final CompleteTrees complete;

    CompiledTrees(TreeEnsemble model) {
        this.model = model;
        this.featureCount = model.featureCount();
        this.aggregation = model.aggregation();
        this.float32 = model.float32();
        this.baseScore = model.baseScore();
        this.treeRoots = model.treeRoots();
        this.feature = model.feature();
        int[] left = model.left();
        int[] right = model.right();
        double[] threshold = model.threshold();
        this.children = new int[2 * feature.length];
        for (int i = 0; i < feature.length; i++) {
            children[2 * i] = left[i];
            children[2 * i + 1] = right[i];
            if (float32) {
                threshold[i] = (float) threshold[i];
            }
        }
        this.comparedThreshold = threshold;
        this.complete = CompleteTrees.of(model);
    }

    @Override
    public TreeEnsemble model() {
        return model;
    }

    @Override
    public Scratch newScratch() {
        return new Scratch(treeRoots.length, featureCount);
    }

    private Scratch scratchFor(Scratch scratch, double[] x) {
        // A caller's vector longer than featureCount (allowed: features beyond are unused) needs
        // its own float copy; the shared scratch is sized for featureCount.
        return scratch != null && scratch.fits(x.length) ? scratch : new Scratch(treeRoots.length, x.length);
    }

    private static boolean hasNaN(double[] x) {
        for (double value : x) {
            if (Double.isNaN(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public double probability(double[] x, Scratch scratch) {
        if (aggregation == Aggregation.MARGIN_SUM && float32 && complete != null && !hasNaN(x)) {
            // Boosted trees, the common case: the margin is summed during the walk.
            Scratch buffers = scratchFor(scratch, x);
            return TreeEnsemble.probabilityOfMargin(complete.margin(x, buffers.xf, (float) baseScore, buffers.leaves));
        }
        return model.probabilityOfLeaves(leaves(x, scratchFor(scratch, x)));
    }

    /** The leaf of every tree, by the fastest path the input allows, written into {@code scratch.leaves}. */
    private int[] leaves(double[] x, Scratch scratch) {
        int[] leaves = scratch.leaves;
        if (hasNaN(x)) {
            for (int t = 0; t < treeRoots.length; t++) {
                leaves[t] = model.leaf(treeRoots[t], x);
            }
        } else if (complete != null) {
            complete.leaves(x, float32 ? scratch.xf : null, leaves);
        } else {
            double[] values = x;
            if (float32) {
                values = scratch.xd;
                for (int i = 0; i < x.length; i++) {
                    values[i] = (float) x[i];
                }
            }
            int t = 0;
            // Four trees at a time: their walks are independent chains of loads, which the CPU
            // overlaps; one walk at a time waits on every load in turn.
            for (; t + 4 <= treeRoots.length; t += 4) {
                int a = treeRoots[t];
                int b = treeRoots[t + 1];
                int c = treeRoots[t + 2];
                int d = treeRoots[t + 3];
                boolean moving = true;
                while (moving) {
                    moving = false;
                    int f;
                    if ((f = feature[a]) >= 0) {
                        a = children[2 * a + (values[f] < comparedThreshold[a] ? 0 : 1)];
                        moving = true;
                    }
                    if ((f = feature[b]) >= 0) {
                        b = children[2 * b + (values[f] < comparedThreshold[b] ? 0 : 1)];
                        moving = true;
                    }
                    if ((f = feature[c]) >= 0) {
                        c = children[2 * c + (values[f] < comparedThreshold[c] ? 0 : 1)];
                        moving = true;
                    }
                    if ((f = feature[d]) >= 0) {
                        d = children[2 * d + (values[f] < comparedThreshold[d] ? 0 : 1)];
                        moving = true;
                    }
                }
                leaves[t] = a;
                leaves[t + 1] = b;
                leaves[t + 2] = c;
                leaves[t + 3] = d;
            }
            for (; t < treeRoots.length; t++) {
                leaves[t] = leafComplete(treeRoots[t], values);
            }
        }
        return leaves;
    }

    /**
     * The hot path for vectors without NaN: no missing-value branch, children side by side;
     * {@code x} as compared (see {@link #comparedThreshold}).
     */
    private int leafComplete(int root, double[] x) {
        int node = root;
        for (int f; (f = feature[node]) >= 0; ) {
            node = children[2 * node + (x[f] < comparedThreshold[node] ? 0 : 1)];
        }
        return node;
    }

    /**
     * Whether this ensemble walks by condition bits (see {@link CompleteTrees}): then a vector
     * without NaN is scored from the bits of the conditions it meets alone, and a plan that
     * knows each input's bits for each of its few values ({@link ConditionCodes}) can skip
     * building the vector ({@link #probabilityOfConditions}).
     */
    boolean walksByConditions() {
        return complete != null && complete.bits != null;
    }

    /**
     * The bits of the conditions on inputs {@code from} to {@code to - 1} that {@code x} meets
     * (no NaN in that range). Conditions on different inputs have different bits, so the bits of
     * a whole vector are the union of those of its inputs. Bit 63 is never a condition's (one
     * bit always stays free for padding nodes), so no vector's bits are {@code -1L}.
     *
     * @throws IllegalStateException when this ensemble does not {@link #walksByConditions()}
     */
    long conditionsMet(double[] x, int from, int to) {
        if (!walksByConditions()) {
            throw new IllegalStateException("this ensemble does not walk by condition bits");
        }
        return complete.bits.met(x, from, to);
    }

    /**
     * {@link #probability(double[], Scratch)} of any vector without NaN whose
     * {@link #conditionsMet} are {@code met}, bit for bit.
     *
     * @throws IllegalStateException when this ensemble does not {@link #walksByConditions()}
     */
    double probabilityOfConditions(long met, Scratch scratch) {
        if (!walksByConditions()) {
            throw new IllegalStateException("this ensemble does not walk by condition bits");
        }
        if (aggregation == Aggregation.MARGIN_SUM && float32) {
            return TreeEnsemble.probabilityOfMargin(complete.margin(met, (float) baseScore, scratch.leaves));
        }
        int[] leaves = scratch.leaves;
        complete.slots(met, leaves);
        for (int t = 0; t < leaves.length; t++) {
            leaves[t] = complete.leaf[leaves[t]];
        }
        return model.probabilityOfLeaves(leaves);
    }

    /**
     * {@link #probabilityOfConditions} of {@code met[0]} to {@code met[count - 1]} into
     * {@code probabilities}, several at once where the ensemble allows (boosted trees that all
     * have leaf tables): the same answers, bit for bit, in less time than one by one.
     */
    void probabilitiesOfConditions(long[] met, int count, double[] probabilities, Scratch scratch) {
        int i = 0;
        if (aggregation == Aggregation.MARGIN_SUM && float32 && walksByConditions() && complete.summedByTable()) {
            i = complete.probabilities(met, count, (float) baseScore, probabilities);
        }
        for (; i < count; i++) {
            probabilities[i] = probabilityOfConditions(met[i], scratch);
        }
    }
}
