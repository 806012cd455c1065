package io.netsec.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * Decision trees as flat arrays, the layout every tree library can be exported into.
 *
 * <p>Node {@code i} of the shared node arrays is a leaf when {@code feature[i] == -1}.
 * Otherwise a vector goes to {@code left[i]} when {@code x[feature[i]] < threshold[i]}, to
 * {@code right[i]} when not, and to the side {@code missingLeft[i]} names when the value is NaN.
 * Children always come after their parent, so a walk always ends. {@code treeRoots} holds the
 * root node of each tree.
 *
 * <p>{@code threatValue[i]} and {@code benignValue[i]} are, at a leaf, what the tree answers;
 * at an inner node, what it would answer if cut there (used for explanations). How the trees'
 * answers combine is the {@link Aggregation}.
 *
 * <p>Its properties:
 * <ul>
 * <li>{@code featureCount}: the input length</li>
 * <li>{@code aggregation}: how tree answers combine</li>
 * <li>{@code float32}: whether inputs, thresholds and sums are in 32-bit floats (XGBoost's arithmetic)</li>
 * <li>{@code baseScore}: the margin every vector starts from ({@link Aggregation#MARGIN_SUM} only)</li>
 * <li>{@code treeRoots}: the root node of each tree</li>
 * <li>{@code treeWeights}: each tree's weight ({@link Aggregation#WEIGHTED_VOTE} only; else 1)</li>
 * </ul>
 */
public final class TreeEnsemble implements PortableModel {

    private final int featureCount;
    private final Aggregation aggregation;
    private final boolean float32;
    private final double baseScore;
    private final int[] treeRoots;
    private final double[] treeWeights;
    private final int[] feature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final boolean[] missingLeft;
    private final double[] threatValue;
    private final double[] benignValue;

    // Derived for scoring speed, never stored: both children of node i at [2i] and [2i + 1]
    // (one cache line instead of two), and the thresholds in float for float32 ensembles.
    private final int[] children;
    private final float[] thresholdFloat;
    /**
     * The thresholds as the pointer walk compares them: each float threshold widened to double in
     * a float32 ensemble (a comparison of two floats widened is the comparison in float), else
     * {@code threshold} itself; so one walk serves both arithmetics.
     */
    private final double[] comparedThreshold;
    /** The same trees padded to one depth, for a walk with no branch per node (null when too deep). */
    private final CompleteTrees complete;

    /** How the answers of the trees make one probability. */
    public enum Aggregation {
        /**
         * Each leaf holds a class distribution; the ensemble adds them per class and normalises
         * (Weka's bagging and random forest): {@code p = sum(threat) / (sum(benign) + sum(threat))}.
         */
        PROBABILITY_AVERAGE,
        /**
         * Each tree votes for the class its leaf holds (threat 1 or 0) with its weight; the vote
         * totals go through a softmax (Weka's AdaBoostM1).
         */
        WEIGHTED_VOTE,
        /** Leaves hold margins; {@code p = sigmoid(baseScore + sum(leaf))} (gradient boosting). */
        MARGIN_SUM;

        @com.fasterxml.jackson.annotation.JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Aggregation fromJson(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    @JsonCreator
    public TreeEnsemble(
            @JsonProperty("feature_count") int featureCount,
            @JsonProperty("aggregation") Aggregation aggregation,
            @JsonProperty("float32") boolean float32,
            @JsonProperty("base_score") double baseScore,
            @JsonProperty("tree_roots") int[] treeRoots,
            @JsonProperty("tree_weights") double[] treeWeights,
            @JsonProperty("feature") int[] feature,
            @JsonProperty("threshold") double[] threshold,
            @JsonProperty("left") int[] left,
            @JsonProperty("right") int[] right,
            @JsonProperty("missing_left") boolean[] missingLeft,
            @JsonProperty("threat_value") double[] threatValue,
            @JsonProperty("benign_value") double[] benignValue) {
        this.featureCount = featureCount;
        this.aggregation = require(aggregation, "aggregation");
        this.float32 = float32;
        this.baseScore = baseScore;
        this.treeRoots = require(treeRoots, "tree_roots").clone();
        this.treeWeights = require(treeWeights, "tree_weights").clone();
        this.feature = require(feature, "feature").clone();
        this.threshold = require(threshold, "threshold").clone();
        this.left = require(left, "left").clone();
        this.right = require(right, "right").clone();
        this.missingLeft = require(missingLeft, "missing_left").clone();
        this.threatValue = require(threatValue, "threat_value").clone();
        this.benignValue = require(benignValue, "benign_value").clone();
        checkStructure();
        checkValues();
        this.children = new int[2 * this.feature.length];
        this.thresholdFloat = new float[this.feature.length];
        for (int i = 0; i < this.feature.length; i++) {
            children[2 * i] = this.left[i];
            children[2 * i + 1] = this.right[i];
            thresholdFloat[i] = (float) this.threshold[i];
        }
        this.comparedThreshold = float32 ? new double[this.feature.length] : this.threshold;
        if (float32) {
            for (int i = 0; i < this.feature.length; i++) {
                comparedThreshold[i] = thresholdFloat[i];
            }
        }
        this.complete = CompleteTrees.of(this);
    }

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
    private static final class CompleteTrees {
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

        static CompleteTrees of(TreeEnsemble trees) {
            for (int node = 0; node < trees.threshold.length; node++) {
                boolean infinite = Double.isInfinite(trees.threshold[node])
                        || (trees.float32 && Float.isInfinite(trees.thresholdFloat[node]));
                if (infinite) {
                    // an infinite input against it would make the sign test NaN (a double above
                    // Float.MAX_VALUE is infinite in a float32 ensemble's comparisons)
                    return null;
                }
            }
            int depth = trees.maxDepth();
            if (depth > MAX_DEPTH || ((long) trees.treeRoots.length << depth) > MAX_NODES) {
                return null;
            }
            CompleteTrees complete = new CompleteTrees(depth, trees.treeRoots.length);
            for (int t = 0; t < trees.treeRoots.length; t++) {
                complete.place(trees, t, trees.treeRoots[t], 0, 0);
            }
            for (int j = 0; j < complete.leaf.length; j++) {
                complete.leafMargin[j] = (float) trees.threatValue[complete.leaf[j]];
            }
            complete.bits = ConditionBits.of(complete, trees.featureCount, trees.float32);
            if (trees.aggregation == Aggregation.MARGIN_SUM && trees.float32 && complete.bits != null
                    && complete.bits.tables.walked.length == 0) {
                complete.tabulateMargins(); // before the ensemble is published (a final field holds it)
            }
            return complete;
        }

        private void place(TreeEnsemble trees, int tree, int node, int position, int level) {
            if (level == depth) {
                leaf[(tree << depth) + position - inner] = node;
                return;
            }
            int slot = tree * inner + position;
            boolean isLeaf = trees.feature[node] < 0;
            // A padding node: every finite value goes left, and both sides end at the same leaf.
            feature[slot] = isLeaf ? 0 : trees.feature[node];
            threshold[slot] = isLeaf ? Double.POSITIVE_INFINITY : trees.threshold[node];
            thresholdFloat[slot] = isLeaf ? Float.POSITIVE_INFINITY : trees.thresholdFloat[node];
            place(trees, tree, isLeaf ? node : trees.left[node], 2 * position + 1, level + 1);
            place(trees, tree, isLeaf ? node : trees.right[node], 2 * position + 2, level + 1);
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
            for (int i = 0; i < tables.tree.length; i++) {
                int end = i + 1 < tables.tree.length ? tables.offset[i + 1] : margins.length;
                for (int j = tables.offset[i]; j < end; j++) {
                    margins[j] = leafMargin[(tables.tree[i] << depth) + (tables.table[j] & 0xFF)];
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
                probabilities[i] = sigmoidFloat(s0);
                probabilities[i + 1] = sigmoidFloat(s1);
                probabilities[i + 2] = sigmoidFloat(s2);
                probabilities[i + 3] = sigmoidFloat(s3);
                probabilities[i + 4] = sigmoidFloat(s4);
                probabilities[i + 5] = sigmoidFloat(s5);
                probabilities[i + 6] = sigmoidFloat(s6);
                probabilities[i + 7] = sigmoidFloat(s7);
            }
            return i;
        }
    }

    /**
     * The conditions of a {@link CompleteTrees} walk, when fewer than 64: each distinct
     * (feature, threshold) pair has a bit. A feature's sorted thresholds have consecutive bits
     * and a value meets a prefix of them ({@code x >= threshold}), so a vector's bits cost a
     * count per feature, not a comparison per node.
     *
     * @param condition   the bit each padded inner node reads; a padding node reads {@code never}
     * @param features    the features some node splits on
     * @param cuts        each of those features' sorted distinct thresholds, as the walk compares them
     * @param firstBit    each of those features' first bit
     * @param float32     whether inputs are compared in float
     */
    private record ConditionBits(byte[] condition, int[] features, double[][] cuts, int[] firstBit, boolean float32,
                                 LeafTables tables) {

        /** The conditions of {@code trees}, or null when there are 64 or more (one bit stays clear for padding). */
        static ConditionBits of(CompleteTrees trees, int featureCount, boolean float32) {
            java.util.List<java.util.TreeSet<Double>> byFeature = new java.util.ArrayList<>();
            for (int f = 0; f < featureCount; f++) {
                byFeature.add(new java.util.TreeSet<>());
            }
            for (int slot = 0; slot < trees.feature.length; slot++) {
                if (!isPadding(trees, slot)) {
                    byFeature.get(trees.feature[slot]).add(cut(trees, slot, float32));
                }
            }
            int never = byFeature.stream().mapToInt(java.util.Set::size).sum();
            if (never >= Long.SIZE) {
                return null;
            }
            int[] features = java.util.stream.IntStream.range(0, featureCount)
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
                        : firstBit[f] + java.util.Arrays.binarySearch(cuts[f], cut(trees, slot, float32)));
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

    /**
     * Leaf tables for the trees of a {@link ConditionBits} walk that read few conditions: the
     * i-th such tree's leaf position is {@code table[offset[i] + compress(met, mask[i])]}, where
     * {@code mask[i]} holds the bits of the conditions it reads. A table has 2^k entries for k
     * conditions, so trees get one while it is small (at most 2^{@value #MAX_BITS} entries) and
     * all of them fit in {@value #BUDGET} bytes, the trees of fewest conditions first (a cache's
     * worth: a table read from memory would cost more than the walk); the rest walk.
     *
     * @param tree   the trees with a table, in order
     * @param mask   per tree with a table, the conditions it reads
     * @param offset per tree with a table, where its table starts
     * @param table  the padded leaf positions (0 to 2^depth - 1, unsigned)
     * @param walked the trees without a table, in order (walked eight in lock step)
     */
    private record LeafTables(int[] tree, long[] mask, int[] offset, byte[] table, int[] walked) {

        static final int MAX_BITS = 16;
        static final int BUDGET = 1 << 20;

        /** The tables for {@code trees} (none when the trees are too deep for a byte's positions). */
        static LeafTables of(CompleteTrees trees, byte[] condition, int never) {
            int count = trees.leaf.length >> trees.depth;
            long[] masks = new long[count];
            for (int t = 0; t < count; t++) {
                for (int p = 0; p < trees.inner; p++) {
                    int bit = condition[t * trees.inner + p];
                    masks[t] |= bit == never ? 0 : 1L << bit;
                }
            }
            // the trees of fewest conditions first, while their tables fit
            int[] byConditions = java.util.stream.IntStream.range(0, count).boxed()
                    .sorted(java.util.Comparator.comparingInt(t -> Long.bitCount(masks[t])))
                    .mapToInt(Integer::intValue).toArray();
            boolean[] tabled = new boolean[count];
            int size = 0;
            for (int t : byConditions) {
                int bits = Long.bitCount(masks[t]);
                if (trees.depth > 8 || bits > MAX_BITS || size + (1 << bits) > BUDGET) {
                    break; // past depth 8 a position does not fit a byte
                }
                tabled[t] = true;
                size += 1 << bits;
            }
            int[] tree = java.util.stream.IntStream.range(0, count).filter(t -> tabled[t]).toArray();
            int[] walked = java.util.stream.IntStream.range(0, count).filter(t -> !tabled[t]).toArray();
            long[] mask = new long[tree.length];
            int[] offset = new int[tree.length];
            byte[] table = new byte[size];
            for (int i = 0, at = 0; i < tree.length; i++) {
                mask[i] = masks[tree[i]];
                offset[i] = at;
                fill(trees, condition, never, tree[i], mask[i], 0, 0, 0, 0, table, at);
                at += 1 << Long.bitCount(mask[i]);
            }
            return new LeafTables(tree, mask, offset, table, walked);
        }

        /**
         * Writes tree {@code t}'s leaf positions into its table at {@code at}, below padded node
         * {@code p} at {@code level}, where the path so far has tested the conditions
         * {@code tested} and met those of {@code met}: every index that agrees with a leaf's path
         * gets that leaf, so each entry is written once. (Walking the tree for each of the 2^k
         * indices cost 0.15 s of a command-line start, mostly before the JIT compiled it.)
         */
        private static void fill(CompleteTrees trees, byte[] condition, int never, int t, long mask, int p, int level,
                                 long tested, long met, byte[] table, int at) {
            if (level == trees.depth) {
                long fixed = Long.compress(tested, mask);
                long free = ((1L << Long.bitCount(mask)) - 1) & ~fixed;
                int index = (int) Long.compress(met, mask);
                long subset = 0;
                do { // every subset of the conditions this path does not test
                    table[at + (index | (int) subset)] = (byte) (p - trees.inner);
                    subset = (subset - free) & free;
                } while (subset != 0);
                return;
            }
            int c = condition[t * trees.inner + p];
            if (c == never) {
                // a padding node: no vector meets its condition, so every walk goes left
                fill(trees, condition, never, t, mask, 2 * p + 1, level + 1, tested, met, table, at);
                return;
            }
            long bit = 1L << c;
            if ((tested & bit) != 0) {
                // tested higher up on this path: only the side taken there
                fill(trees, condition, never, t, mask, (met & bit) != 0 ? 2 * p + 2 : 2 * p + 1, level + 1,
                        tested, met, table, at);
                return;
            }
            fill(trees, condition, never, t, mask, 2 * p + 1, level + 1, tested | bit, met, table, at);
            fill(trees, condition, never, t, mask, 2 * p + 2, level + 1, tested | bit, met | bit, table, at);
        }

        /** The padded leaf slot of every tree with a table; the others' slots are left as they are. */
        void slots(long met, int[] slots, int depth) {
            for (int i = 0; i < tree.length; i++) {
                int t = tree[i];
                slots[t] = (t << depth) + (table[offset[i] + (int) Long.compress(met, mask[i])] & 0xFF);
            }
        }
    }

    /**
     * The most steps from a root to a leaf. One pass in node order, no recursion (a tampered
     * chain of a million nodes must not overflow the stack): children come after parents.
     */
    private int maxDepth() {
        int[] depth = new int[feature.length];
        int max = 0;
        for (int i = 0; i < feature.length; i++) {
            max = Math.max(max, depth[i]);
            if (feature[i] >= 0) {
                depth[left[i]] = Math.max(depth[left[i]], depth[i] + 1);
                depth[right[i]] = Math.max(depth[right[i]], depth[i] + 1);
            }
        }
        return max;
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("a tree ensemble needs '" + name + "'");
        }
        return value;
    }

    /** Refuses arrays that would index out of bounds or loop, so a tampered file cannot hang or crash scoring. */
    private void checkStructure() {
        int nodes = feature.length;
        if (featureCount <= 0) {
            throw new IllegalArgumentException("feature_count must be positive");
        }
        if (threshold.length != nodes || left.length != nodes || right.length != nodes
                || missingLeft.length != nodes || threatValue.length != nodes || benignValue.length != nodes) {
            throw new IllegalArgumentException("the node arrays of a tree ensemble differ in length");
        }
        if (treeRoots.length == 0 || treeWeights.length != treeRoots.length) {
            throw new IllegalArgumentException("a tree ensemble needs at least one tree and one weight per tree");
        }
        for (int root : treeRoots) {
            if (root < 0 || root >= nodes) {
                throw new IllegalArgumentException("tree root " + root + " is not a node");
            }
        }
        for (int i = 0; i < nodes; i++) {
            if (feature[i] == -1) {
                continue;
            }
            if (feature[i] < 0 || feature[i] >= featureCount) {
                throw new IllegalArgumentException("node " + i + " splits on feature " + feature[i]
                        + " of " + featureCount);
            }
            if (left[i] <= i || right[i] <= i || left[i] >= nodes || right[i] >= nodes) {
                throw new IllegalArgumentException("node " + i + " has children outside (" + i + ", " + nodes + ")");
            }
            if (Double.isNaN(threshold[i])) {
                throw new IllegalArgumentException("node " + i + " has a NaN threshold");
            }
        }
    }

    /**
     * Refuses values that would make an answer no probability, naming the tree and node: a
     * tampered file whose checksums were recomputed is otherwise scored as if it were a model
     * (leaf class values of 5 and -3 gave a probability of 2.5). What each aggregation needs,
     * and what the exporters write:
     * <ul>
     * <li>{@link Aggregation#PROBABILITY_AVERAGE} (random_forest, j48) and
     * {@link Aggregation#WEIGHTED_VOTE} (adaboost_j48): class values are counts or
     * distributions, finite and not negative; then {@code threat / (threat + benign)} is in [0, 1].</li>
     * <li>{@link Aggregation#MARGIN_SUM} (xgboost): margins are finite, and the largest margin
     * a vector can reach (the base score plus each tree's largest leaf) stays far from
     * overflowing (a float's range in a float32 ensemble), so that no sum is infinite or NaN.</li>
     * <li>Every tree's weight is finite and above 0 (1 for most families, AdaBoost's
     * log((1 - error) / error) otherwise), and their sum finite: vote totals and explanations
     * divide by it.</li>
     * </ul>
     */
    private void checkValues() {
        int nodes = feature.length;
        int[] tree = treeOfNode();
        double weights = 0;
        for (int t = 0; t < treeWeights.length; t++) {
            if (!(Double.isFinite(treeWeights[t]) && treeWeights[t] > 0)) {
                throw new IllegalArgumentException("tree " + t + " has the weight " + treeWeights[t]
                        + "; a tree's weight is a finite number above 0");
            }
            weights += treeWeights[t];
        }
        if (!(weights <= Double.MAX_VALUE / 2)) {
            throw new IllegalArgumentException("the tree weights add up to " + weights + ", too large to sum");
        }
        boolean margins = aggregation == Aggregation.MARGIN_SUM;
        for (int i = 0; i < nodes; i++) {
            double threat = threatValue[i];
            double benign = benignValue[i];
            if (margins) {
                if (!Double.isFinite(threat) || !Double.isFinite(benign) || (float32 && !Float.isFinite((float) threat))) {
                    throw new IllegalArgumentException(where(tree, i) + "has the margin " + threat
                            + (benign != 0 ? " (and second value " + benign + ")" : "") + "; margins must be finite numbers");
                }
            } else if (!(threat >= 0 && benign >= 0 && Double.isFinite(threat + benign))) {
                throw new IllegalArgumentException(where(tree, i) + "has the class values " + threat + " (threat) and "
                        + benign + " (benign); a class count or share is a finite number, not negative");
            }
        }
        if (margins && !(Double.isFinite(baseScore) && (!float32 || Float.isFinite((float) baseScore)))) {
            throw new IllegalArgumentException("the base score " + baseScore + " is not a finite margin");
        }
        if (aggregation == Aggregation.WEIGHTED_VOTE) {
            return; // its leaves are only compared; the weights are what it sums
        }
        // What the trees' answers can add up to: the largest leaf value below each node (a
        // margin's size, or a class distribution's total), per tree, summed.
        double[] largestBelow = new double[nodes];
        for (int i = nodes - 1; i >= 0; i--) {
            largestBelow[i] = feature[i] >= 0 ? Math.max(largestBelow[left[i]], largestBelow[right[i]])
                    : margins ? Math.abs(threatValue[i]) : threatValue[i] + benignValue[i];
        }
        double largest = margins ? Math.abs(baseScore) : 0;
        for (int root : treeRoots) {
            largest += largestBelow[root];
        }
        boolean inFloat = margins && float32;
        double bound = (inFloat ? Float.MAX_VALUE : Double.MAX_VALUE) / 2;
        if (!(largest <= bound)) {
            throw new IllegalArgumentException((margins ? "the margins of the trees" : "the class values of the trees")
                    + " can add up to " + largest + ", too large to " + (inFloat ? "sum in float" : "sum"));
        }
    }

    /** The tree each node belongs to (the first that reaches it), or -1: children come after parents. */
    private int[] treeOfNode() {
        int[] tree = new int[feature.length];
        java.util.Arrays.fill(tree, -1);
        for (int t = treeRoots.length - 1; t >= 0; t--) {
            tree[treeRoots[t]] = t;
        }
        for (int i = 0; i < feature.length; i++) {
            if (tree[i] >= 0 && feature[i] >= 0) {
                for (int child : new int[] {left[i], right[i]}) {
                    if (tree[child] < 0 || tree[child] > tree[i]) {
                        tree[child] = tree[i];
                    }
                }
            }
        }
        return tree;
    }

    private static String where(int[] tree, int node) {
        return (tree[node] >= 0 ? "tree " + tree[node] + ", node " + node : "node " + node + " (in no tree)") + ": ";
    }

    @JsonIgnore
    public int treeCount() {
        return treeRoots.length;
    }

    @JsonIgnore
    public int nodeCount() {
        return feature.length;
    }

    /** The leaf that {@code x} reaches in the tree rooted at {@code root}. */
    public int leaf(int root, double[] x) {
        int node = root;
        while (feature[node] >= 0) {
            double value = x[feature[node]];
            boolean goLeft = Double.isNaN(value) ? missingLeft[node]
                    : float32 ? (float) value < thresholdFloat[node] : value < threshold[node];
            node = goLeft ? left[node] : right[node];
        }
        return node;
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

    private static boolean hasNaN(double[] x) {
        for (double value : x) {
            if (Double.isNaN(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Buffers for one thread's scoring, so that a hot loop allocates nothing per record. Not
     * thread-safe: one per thread (see {@link #newScratch()}).
     */
    public static final class Scratch {
        private final int[] leaves;
        private final float[] xf;
        /** The input as a float32 ensemble compares it: each value rounded to float, widened back. */
        private final double[] xd;

        private Scratch(int trees, int features) {
            this.leaves = new int[trees];
            this.xf = new float[features];
            this.xd = new double[features];
        }
    }

    /** Buffers for {@link #threatProbability(double[], Scratch)}, one per scoring thread. */
    public Scratch newScratch() {
        return new Scratch(treeRoots.length, featureCount);
    }

    private Scratch scratchFor(Scratch scratch, double[] x) {
        // A caller's vector longer than featureCount (allowed: features beyond are unused) needs
        // its own float copy; the shared scratch is sized for featureCount.
        return scratch != null && x.length <= scratch.xf.length ? scratch : new Scratch(treeRoots.length, x.length);
    }

    /** The leaf of every tree, by the fastest path the input allows, written into {@code scratch.leaves}. */
    private int[] leaves(double[] x, Scratch scratch) {
        int[] leaves = scratch.leaves;
        if (hasNaN(x)) {
            for (int t = 0; t < treeRoots.length; t++) {
                leaves[t] = leaf(treeRoots[t], x);
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

    @Override
    public double threatProbability(double[] x) {
        return threatProbability(x, null);
    }

    /**
     * As {@link #threatProbability(double[])}, with buffers from {@link #newScratch()} so that
     * nothing is allocated per call; the result is the same bit for bit.
     */
    public double threatProbability(double[] x, Scratch scratch) {
        if (aggregation == Aggregation.MARGIN_SUM && float32 && complete != null && !hasNaN(x)) {
            // Boosted trees, the common case: the margin is summed during the walk.
            Scratch buffers = scratchFor(scratch, x);
            return sigmoidFloat(complete.margin(x, buffers.xf, (float) baseScore, buffers.leaves));
        }
        return aggregate(leaves(x, scratchFor(scratch, x)));
    }

    /**
     * Whether this ensemble walks by condition bits (see {@link CompleteTrees}): then a vector
     * without NaN is scored from the bits of the conditions it meets alone, and a caller that
     * knows each input's bits for each of its few values ({@link #conditionsMet}) can skip
     * building the vector ({@link #threatProbabilityOfConditions}).
     */
    public boolean walksByConditions() {
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
    public long conditionsMet(double[] x, int from, int to) {
        if (!walksByConditions()) {
            throw new IllegalStateException("this ensemble does not walk by condition bits");
        }
        return complete.bits.met(x, from, to);
    }

    /**
     * {@link #threatProbability(double[], Scratch)} of any vector without NaN whose
     * {@link #conditionsMet} are {@code met}, bit for bit.
     *
     * @throws IllegalStateException when this ensemble does not {@link #walksByConditions()}
     */
    public double threatProbabilityOfConditions(long met, Scratch scratch) {
        if (!walksByConditions()) {
            throw new IllegalStateException("this ensemble does not walk by condition bits");
        }
        if (aggregation == Aggregation.MARGIN_SUM && float32) {
            return sigmoidFloat(complete.margin(met, (float) baseScore, scratch.leaves));
        }
        int[] leaves = scratch.leaves;
        complete.slots(met, leaves);
        for (int t = 0; t < leaves.length; t++) {
            leaves[t] = complete.leaf[leaves[t]];
        }
        return aggregate(leaves);
    }

    /**
     * {@link #threatProbabilityOfConditions} of {@code met[0]} to {@code met[count - 1]} into
     * {@code probabilities}, several at once where the ensemble allows (boosted trees that all
     * have leaf tables): the same answers, bit for bit, in less time than one by one.
     */
    public void threatProbabilitiesOfConditions(long[] met, int count, double[] probabilities, Scratch scratch) {
        int i = 0;
        if (aggregation == Aggregation.MARGIN_SUM && float32 && walksByConditions() && complete.summedByTable()) {
            i = complete.probabilities(met, count, (float) baseScore, probabilities);
        }
        for (; i < count; i++) {
            probabilities[i] = threatProbabilityOfConditions(met[i], scratch);
        }
    }

    /** The probability from every tree's leaf, as the {@link Aggregation} combines them. */
    private double aggregate(int[] leaves) {
        int trees = treeRoots.length;
        return switch (aggregation) {
            case PROBABILITY_AVERAGE -> {
                double threat = 0;
                double benign = 0;
                for (int t = 0; t < trees; t++) {
                    int leaf = leaves[t];
                    threat += threatValue[leaf];
                    benign += benignValue[leaf];
                }
                double total = benign + threat;
                yield total == 0 ? 0.5 : threat / total;
            }
            case WEIGHTED_VOTE -> {
                double threat = 0;
                double benign = 0;
                for (int t = 0; t < trees; t++) {
                    int leaf = leaves[t];
                    if (threatValue[leaf] > benignValue[leaf]) {
                        threat += treeWeights[t];
                    } else {
                        benign += treeWeights[t];
                    }
                }
                // Softmax as Weka's Utils.logs2probs computes it, for identical results.
                double max = Math.max(benign, threat);
                double expBenign = Math.exp(benign - max);
                double expThreat = Math.exp(threat - max);
                yield expThreat / (expBenign + expThreat);
            }
            case MARGIN_SUM -> float32 ? sigmoidFloat(marginFloat(leaves)) : 1.0 / (1.0 + Math.exp(-margin(leaves)));
        };
    }

    private float marginFloat(int[] leaves) {
        float sum = (float) baseScore;
        for (int t = 0; t < treeRoots.length; t++) {
            sum += (float) threatValue[leaves[t]];
        }
        return sum;
    }

    private static double sigmoidFloat(float margin) {
        return 1.0f / (1.0f + (float) Math.exp(-margin));
    }

    private double margin(int[] leaves) {
        double sum = baseScore;
        for (int t = 0; t < treeRoots.length; t++) {
            sum += threatValue[leaves[t]];
        }
        return sum;
    }

    /** The score before the link function: the margin, or the averaged threat probability, or the vote share. */
    public double rawScore(double[] x) {
        return switch (aggregation) {
            case MARGIN_SUM -> {
                int[] leaves = leaves(x, scratchFor(null, x));
                yield float32 ? marginFloat(leaves) : margin(leaves);
            }
            case PROBABILITY_AVERAGE, WEIGHTED_VOTE -> {
                double sum = 0;
                double weights = 0;
                for (int t = 0; t < treeRoots.length; t++) {
                    sum += treeWeights[t] * nodeScore(leaf(treeRoots[t], x));
                    weights += treeWeights[t];
                }
                yield sum / weights;
            }
        };
    }

    private double nodeScore(int node) {
        if (aggregation == Aggregation.PROBABILITY_AVERAGE || aggregation == Aggregation.WEIGHTED_VOTE) {
            double total = threatValue[node] + benignValue[node];
            return total == 0 ? 0.5 : threatValue[node] / total;
        }
        return threatValue[node];
    }

    /**
     * Path attribution (Saabas): along each tree's path, the change of the node score at every
     * step is credited to the feature split on. Sums with the bias to {@link #rawScore}.
     */
    @Override
    public Explanation explain(double[] x) {
        double[] contributions = new double[featureCount];
        double bias = aggregation == Aggregation.MARGIN_SUM ? baseScore : 0;
        double weights = 0;
        for (double w : treeWeights) {
            weights += w;
        }
        for (int t = 0; t < treeRoots.length; t++) {
            double scale = aggregation == Aggregation.MARGIN_SUM ? 1 : treeWeights[t] / weights;
            int node = treeRoots[t];
            bias += scale * nodeScore(node);
            while (feature[node] >= 0) {
                double value = x[feature[node]];
                boolean goLeft = Double.isNaN(value) ? missingLeft[node]
                        : float32 ? (float) value < thresholdFloat[node] : value < threshold[node];
                int child = goLeft ? left[node] : right[node];
                contributions[feature[node]] += scale * (nodeScore(child) - nodeScore(node));
                node = child;
            }
        }
        return new Explanation(rawScore(x), bias, contributions);
    }

    @Override
    @JsonProperty("feature_count")
    public int featureCount() {
        return featureCount;
    }

    @JsonProperty("aggregation")
    public Aggregation aggregation() {
        return aggregation;
    }

    @JsonProperty("float32")
    public boolean float32() {
        return float32;
    }

    @JsonProperty("base_score")
    public double baseScore() {
        return baseScore;
    }

    @JsonProperty("tree_roots")
    public int[] treeRoots() {
        return treeRoots.clone();
    }

    @JsonProperty("tree_weights")
    public double[] treeWeights() {
        return treeWeights.clone();
    }

    @JsonProperty("feature")
    public int[] feature() {
        return feature.clone();
    }

    @JsonProperty("threshold")
    public double[] threshold() {
        return threshold.clone();
    }

    @JsonProperty("left")
    public int[] left() {
        return left.clone();
    }

    @JsonProperty("right")
    public int[] right() {
        return right.clone();
    }

    @JsonProperty("missing_left")
    public boolean[] missingLeft() {
        return missingLeft.clone();
    }

    @JsonProperty("threat_value")
    public double[] threatValue() {
        return threatValue.clone();
    }

    @JsonProperty("benign_value")
    public double[] benignValue() {
        return benignValue.clone();
    }
}
