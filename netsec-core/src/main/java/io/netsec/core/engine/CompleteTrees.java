package io.netsec.core.engine;

import io.netsec.core.model.TreeEnsemble;
import io.netsec.core.model.TreeEnsemble.Aggregation;

/**
 * The trees as complete binary trees of one depth {@code D}: tree {@code t}'s inner node
 * {@code p} (0 is the root, children of p at 2p+1 and 2p+2) is at {@code t * inner + p},
 * its leaf {@code j} names the original leaf node at {@code t * 2^D + j}. A leaf above
 * depth D becomes a node whose two sides lead to the same leaf. Every walk then takes
 * exactly D steps of the same shape, so several trees walk in lock step with no test for
 * "is this a leaf" and the comparison becomes a flag, not a branch the CPU mispredicts half
 * the time. Only for shallow trees (boosting, J48 on small data): the padding doubles per
 * level. Used only for vectors without NaN (the missing-value side is per node).
 *
 * <p>When the ensemble has fewer than 64 distinct (feature, threshold) pairs, as boosted
 * trees on data of few distinct values do (60 for the phishing data's 30 features of -1, 0
 * and 1), a node does not compare at all: each pair is a <em>condition</em> with a bit of a
 * {@code long}, a vector first sets the bits of the conditions it meets ({@link ConditionBits}),
 * and a node reads one bit, one small load instead of three. With more pairs (continuous
 * features: XGBoost's histogram method allows 256 per feature) filling several words of bits
 * took longer than the comparisons it saves (3.9 against 2.3 us per record for 200 trees of
 * depth 6 on 30 features of 256 values), so those keep the comparison walk.
 *
 * <p>A tree that reads few of those conditions needs no walk: its leaf is a function of
 * those k bits alone, so a table of 2^k leaf positions, indexed by the bits gathered with
 * {@link Long#compress} (one instruction, PEXT, where the CPU has it), answers in one load
 * with no step depending on the one before ({@link LeafTables}).
 */
final class CompleteTrees {
    /** Deeper trees pad to too many nodes; they keep the pointer walk. */
    static final int MAX_DEPTH = 8;
    /** Padded nodes in all, at most: 8 MB of arrays. */
    static final int MAX_NODES = 1 << 20;

    final int depth;
    final int inner;
    final int[] feature;
    final float[] thresholdFloat;
    final double[] threshold;
    final int[] leaf;
    /** {@code threatValue} of each padded leaf in float: boosted margins summed without a lookup by node. */
    final float[] leafMargin;
    /** The walk by condition bits, or null when the ensemble has 64 conditions or more. */
    ConditionBits bits;

    private CompleteTrees(int depth, int trees) {
        this.depth = depth;
        this.inner = (1 << depth) - 1;
        this.feature = new int[trees * inner];
        this.thresholdFloat = new float[trees * inner];
        this.threshold = new double[trees * inner];
        this.leaf = new int[trees << depth];
        this.leafMargin = new float[trees << depth];
    }

    /** The node arrays a padding is built from (the model's own, read once). */
    private record Nodes(int[] feature, double[] threshold, float[] thresholdFloat, int[] left, int[] right) {
    }

    /** The padded trees of {@code trees}, or null when they are too deep or a threshold is infinite. */
    static CompleteTrees of(TreeEnsemble trees) {
        double[] threshold = trees.threshold();
        float[] thresholdFloat = new float[threshold.length];
        for (int node = 0; node < threshold.length; node++) {
            thresholdFloat[node] = (float) threshold[node];
            boolean infinite = Double.isInfinite(threshold[node])
                    || (trees.float32() && Float.isInfinite(thresholdFloat[node]));
            if (infinite) {
                // an infinite input against it would make the sign test NaN (a double above
                // Float.MAX_VALUE is infinite in a float32 ensemble's comparisons)
                return null;
            }
        }
        Nodes nodes = new Nodes(trees.feature(), threshold, thresholdFloat, trees.left(), trees.right());
        int[] roots = trees.treeRoots();
        int depth = maxDepth(nodes);
        if (depth > MAX_DEPTH || ((long) roots.length << depth) > MAX_NODES) {
            return null;
        }
        CompleteTrees complete = new CompleteTrees(depth, roots.length);
        for (int t = 0; t < roots.length; t++) {
            complete.place(nodes, t, roots[t], 0, 0);
        }
        double[] threatValue = trees.threatValue();
        for (int j = 0; j < complete.leaf.length; j++) {
            complete.leafMargin[j] = (float) threatValue[complete.leaf[j]];
        }
        complete.bits = ConditionBits.of(complete, trees.featureCount(), trees.float32());
        if (trees.aggregation() == Aggregation.MARGIN_SUM && trees.float32() && complete.bits != null
                && complete.bits.tables.walked.length == 0) {
            complete.tabulateMargins(); // before the compiled model is published (a final field holds it)
        }
        return complete;
    }

    /**
     * The most steps from a root to a leaf. One pass in node order, no recursion (a tampered
     * chain of a million nodes must not overflow the stack): children come after parents.
     */
    private static int maxDepth(Nodes nodes) {
        int[] feature = nodes.feature();
        int[] depth = new int[feature.length];
        int max = 0;
        for (int i = 0; i < feature.length; i++) {
            max = Math.max(max, depth[i]);
            if (feature[i] >= 0) {
                depth[nodes.left()[i]] = Math.max(depth[nodes.left()[i]], depth[i] + 1);
                depth[nodes.right()[i]] = Math.max(depth[nodes.right()[i]], depth[i] + 1);
            }
        }
        return max;
    }

    private void place(Nodes trees, int tree, int node, int position, int level) {
        if (level == depth) {
            leaf[(tree << depth) + position - inner] = node;
            return;
        }
        int slot = tree * inner + position;
        boolean isLeaf = trees.feature()[node] < 0;
        // A padding node: every finite value goes left, and both sides end at the same leaf.
        feature[slot] = isLeaf ? 0 : trees.feature()[node];
        threshold[slot] = isLeaf ? Double.POSITIVE_INFINITY : trees.threshold()[node];
        thresholdFloat[slot] = isLeaf ? Float.POSITIVE_INFINITY : trees.thresholdFloat()[node];
        place(trees, tree, isLeaf ? node : trees.left()[node], 2 * position + 1, level + 1);
        place(trees, tree, isLeaf ? node : trees.right()[node], 2 * position + 2, level + 1);
    }

    /**
     * 1 when {@code x < threshold}, else 0, without a branch: the sign of the difference.
     * Exact for every value but NaN (excluded here): a difference of two unequal floats is
     * never zero (gradual underflow), and infinities keep their sign. The only infinite
     * thresholds are padding nodes, whose two sides lead to the same leaf.
     */
    private static int below(float x, float threshold) {
        return Float.floatToRawIntBits(x - threshold) >>> 31;
    }

    private static int below(double x, double threshold) {
        return (int) (Double.doubleToRawLongBits(x - threshold) >>> 63);
    }

    /**
     * Every tree's padded leaf slot for {@code xf} (no NaN), eight trees in lock step: tree
     * {@code t}'s answer is {@code leaf[slots[t]]}, its margin {@code leafMargin[slots[t]]}.
     */
    void slots(float[] xf, int[] slots) {
        int trees = slots.length;
        int t = 0;
        for (; t + 8 <= trees; t += 8) {
            int b = t * inner;
            int p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
            int b1 = b + inner, b2 = b1 + inner, b3 = b2 + inner, b4 = b3 + inner;
            int b5 = b4 + inner, b6 = b5 + inner, b7 = b6 + inner;
            for (int level = 0; level < depth; level++) {
                p0 = 2 * p0 + 2 - below(xf[feature[b + p0]], thresholdFloat[b + p0]);
                p1 = 2 * p1 + 2 - below(xf[feature[b1 + p1]], thresholdFloat[b1 + p1]);
                p2 = 2 * p2 + 2 - below(xf[feature[b2 + p2]], thresholdFloat[b2 + p2]);
                p3 = 2 * p3 + 2 - below(xf[feature[b3 + p3]], thresholdFloat[b3 + p3]);
                p4 = 2 * p4 + 2 - below(xf[feature[b4 + p4]], thresholdFloat[b4 + p4]);
                p5 = 2 * p5 + 2 - below(xf[feature[b5 + p5]], thresholdFloat[b5 + p5]);
                p6 = 2 * p6 + 2 - below(xf[feature[b6 + p6]], thresholdFloat[b6 + p6]);
                p7 = 2 * p7 + 2 - below(xf[feature[b7 + p7]], thresholdFloat[b7 + p7]);
            }
            storeEight(slots, t, p0, p1, p2, p3, p4, p5, p6, p7);
        }
        for (; t < trees; t++) {
            int b = t * inner;
            int p = 0;
            for (int level = 0; level < depth; level++) {
                p = 2 * p + 2 - below(xf[feature[b + p]], thresholdFloat[b + p]);
            }
            slots[t] = (t << depth) + p - inner;
        }
    }

    /** The padded leaf slots of trees {@code t} to {@code t + 7}, from their positions in the last level. */
    private void storeEight(int[] slots, int t, int p0, int p1, int p2, int p3, int p4, int p5, int p6, int p7) {
        int stride = 1 << depth;
        int l = (t << depth) - inner;
        slots[t] = l + p0;
        slots[t + 1] = l + stride + p1;
        slots[t + 2] = l + 2 * stride + p2;
        slots[t + 3] = l + 3 * stride + p3;
        slots[t + 4] = l + 4 * stride + p4;
        slots[t + 5] = l + 5 * stride + p5;
        slots[t + 6] = l + 6 * stride + p6;
        slots[t + 7] = l + 7 * stride + p7;
    }

    /**
     * Every tree's padded leaf slot for the condition bits {@code met}, as {@link #slots(float[], int[])}
     * (the same lock-step walk, with a bit read where that one compares): a node whose
     * condition holds sends the vector right (2p+2), else left (2p+1).
     */
    void slots(long met, int[] slots) {
        LeafTables tables = bits.tables;
        tables.slots(met, slots, depth);
        int[] walked = tables.walked;
        byte[] condition = bits.condition;
        int i = 0;
        for (; i + 8 <= walked.length; i += 8) {
            int t0 = walked[i], t1 = walked[i + 1], t2 = walked[i + 2], t3 = walked[i + 3];
            int t4 = walked[i + 4], t5 = walked[i + 5], t6 = walked[i + 6], t7 = walked[i + 7];
            int b0 = t0 * inner, b1 = t1 * inner, b2 = t2 * inner, b3 = t3 * inner;
            int b4 = t4 * inner, b5 = t5 * inner, b6 = t6 * inner, b7 = t7 * inner;
            int p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
            for (int level = 0; level < depth; level++) {
                p0 = 2 * p0 + 1 + (int) ((met >>> condition[b0 + p0]) & 1);
                p1 = 2 * p1 + 1 + (int) ((met >>> condition[b1 + p1]) & 1);
                p2 = 2 * p2 + 1 + (int) ((met >>> condition[b2 + p2]) & 1);
                p3 = 2 * p3 + 1 + (int) ((met >>> condition[b3 + p3]) & 1);
                p4 = 2 * p4 + 1 + (int) ((met >>> condition[b4 + p4]) & 1);
                p5 = 2 * p5 + 1 + (int) ((met >>> condition[b5 + p5]) & 1);
                p6 = 2 * p6 + 1 + (int) ((met >>> condition[b6 + p6]) & 1);
                p7 = 2 * p7 + 1 + (int) ((met >>> condition[b7 + p7]) & 1);
            }
            slots[t0] = (t0 << depth) + p0 - inner;
            slots[t1] = (t1 << depth) + p1 - inner;
            slots[t2] = (t2 << depth) + p2 - inner;
            slots[t3] = (t3 << depth) + p3 - inner;
            slots[t4] = (t4 << depth) + p4 - inner;
            slots[t5] = (t5 << depth) + p5 - inner;
            slots[t6] = (t6 << depth) + p6 - inner;
            slots[t7] = (t7 << depth) + p7 - inner;
        }
        for (; i < walked.length; i++) {
            slots[walked[i]] = walk(condition, met, walked[i]);
        }
    }

    /** Tree {@code t}'s padded leaf slot for the condition bits {@code met}, one step at a time. */
    int walk(byte[] condition, long met, int t) {
        int b = t * inner;
        int p = 0;
        for (int level = 0; level < depth; level++) {
            p = 2 * p + 1 + (int) ((met >>> condition[b + p]) & 1);
        }
        return (t << depth) + p - inner;
    }

    /**
     * Every tree's padded leaf slot for {@code x} (no NaN), by the fastest walk this
     * ensemble has; {@code xf} is a buffer for the input in float.
     */
    private void slots(double[] x, float[] xf, int[] slots) {
        if (bits != null) {
            slots(bits.met(x), slots);
        } else if (xf != null) {
            for (int i = 0; i < x.length; i++) {
                xf[i] = (float) x[i];
            }
            slots(xf, slots);
        } else {
            for (int t = 0; t < slots.length; t++) {
                int b = t * inner;
                int p = 0;
                for (int level = 0; level < depth; level++) {
                    p = 2 * p + 2 - below(x[feature[b + p]], threshold[b + p]);
                }
                slots[t] = (t << depth) + p - inner;
            }
        }
    }

    /**
     * Every tree's leaf for {@code x} (no NaN); {@code xf} is a buffer for the input in float
     * for float32 ensembles, null to compare in double.
     */
    void leaves(double[] x, float[] xf, int[] leaves) {
        slots(x, xf, leaves);
        for (int t = 0; t < leaves.length; t++) {
            leaves[t] = leaf[leaves[t]];
        }
    }

    /**
     * {@code base} plus every tree's leaf margin for {@code x} (no NaN, float32 ensembles),
     * added in tree order in float, exactly as {@link #marginFloat(int[])} adds them;
     * {@code xf} and {@code slots} are buffers.
     */
    float margin(double[] x, float[] xf, float base, int[] slots) {
        if (bits != null) {
            return margin(bits.met(x), base, slots);
        }
        slots(x, xf, slots);
        float sum = base;
        for (int slot : slots) {
            sum += leafMargin[slot];
        }
        return sum;
    }

    /**
     * As {@link #margin(double[], float[], float, int[])} for the vectors that meet the
     * conditions {@code met}. With a {@link #marginTable} the lookup and the sum are one loop
     * in tree order (no slot written and read back); else the slots, then the sum.
     */
    float margin(long met, float base, int[] slots) {
        float sum = base;
        if (marginTable != null) {
            long[] mask = bits.tables.mask;
            int[] offset = bits.tables.offset;
            for (int t = 0; t < mask.length; t++) {
                sum += marginTable[offset[t] + (int) Long.compress(met, mask[t])];
            }
            return sum;
        }
        slots(met, slots);
        for (int slot : slots) {
            sum += leafMargin[slot];
        }
        return sum;
    }

    /**
     * For boosted float32 trees that all have leaf tables: each table entry's leaf margin
     * itself, so that a tree costs one load and an add (no leaf position to look up again);
     * null otherwise. Four bytes an entry instead of one (1.6 MB for the 200 trees
     * {@code netsec train} selects on the phishing data).
     */
    float[] marginTable;

    private void tabulateMargins() {
        LeafTables tables = bits.tables;
        float[] margins = new float[tables.table.length];
        int[] tree = tables.tree;
        int[] offset = tables.offset;
        byte[] table = tables.table;
        for (int i = 0; i < tree.length; i++) {
            int end = i + 1 < tree.length ? offset[i + 1] : margins.length;
            for (int j = offset[i]; j < end; j++) {
                margins[j] = leafMargin[(tree[i] << depth) + (table[j] & 0xFF)];
            }
        }
        marginTable = margins;
    }

    /** Whether every tree's margin is read from {@link #marginTable}, so that {@link #probabilities} applies. */
    boolean summedByTable() {
        return marginTable != null;
    }

    /**
     * The threat probabilities of {@code met[0]} to {@code met[count - 1]}, eight rows at a
     * time, for an ensemble {@link #summedByTable()}: each is {@link #margin(long, float, int[])}
     * through the sigmoid, bit for bit. Returns how many it scored ({@code count} rounded down
     * to a multiple of eight); the caller scores the rest one by one.
     *
     * <p>One sum waits on each add before the next (a float add's latency, four cycles, times
     * the trees); eight independent sums keep the adder and the loads busy (four measured
     * 10-15% slower). Each is added in tree order, as alone. The rows' loop is in this method,
     * not a caller's: a cold JVM compiles a loop nest split over several methods once for
     * each of them, the inner loop inlined into every caller's compile.
     */
    int probabilities(long[] met, int count, float base, double[] probabilities) {
        LeafTables tables = bits.tables;
        long[] mask = tables.mask;
        int[] offset = tables.offset;
        float[] table = marginTable;
        int i = 0;
        for (; i + 8 <= count; i += 8) {
            long m0 = met[i], m1 = met[i + 1], m2 = met[i + 2], m3 = met[i + 3];
            long m4 = met[i + 4], m5 = met[i + 5], m6 = met[i + 6], m7 = met[i + 7];
            float s0 = base, s1 = base, s2 = base, s3 = base, s4 = base, s5 = base, s6 = base, s7 = base;
            for (int t = 0; t < mask.length; t++) {
                long k = mask[t];
                int o = offset[t];
                s0 += table[o + (int) Long.compress(m0, k)];
                s1 += table[o + (int) Long.compress(m1, k)];
                s2 += table[o + (int) Long.compress(m2, k)];
                s3 += table[o + (int) Long.compress(m3, k)];
                s4 += table[o + (int) Long.compress(m4, k)];
                s5 += table[o + (int) Long.compress(m5, k)];
                s6 += table[o + (int) Long.compress(m6, k)];
                s7 += table[o + (int) Long.compress(m7, k)];
            }
            probabilities[i] = TreeEnsemble.probabilityOfMargin(s0);
            probabilities[i + 1] = TreeEnsemble.probabilityOfMargin(s1);
            probabilities[i + 2] = TreeEnsemble.probabilityOfMargin(s2);
            probabilities[i + 3] = TreeEnsemble.probabilityOfMargin(s3);
            probabilities[i + 4] = TreeEnsemble.probabilityOfMargin(s4);
            probabilities[i + 5] = TreeEnsemble.probabilityOfMargin(s5);
            probabilities[i + 6] = TreeEnsemble.probabilityOfMargin(s6);
            probabilities[i + 7] = TreeEnsemble.probabilityOfMargin(s7);
        }
        return i;
    }
}
