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
        this.children = new int[2 * this.feature.length];
        this.thresholdFloat = new float[this.feature.length];
        for (int i = 0; i < this.feature.length; i++) {
            children[2 * i] = this.left[i];
            children[2 * i + 1] = this.right[i];
            thresholdFloat[i] = (float) this.threshold[i];
        }
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

    /** The hot path for vectors without NaN: no missing-value branch, children side by side. */
    private int leafComplete(int root, double[] x) {
        int node = root;
        for (int f; (f = feature[node]) >= 0; ) {
            node = children[2 * node + (x[f] < threshold[node] ? 0 : 1)];
        }
        return node;
    }

    /** As {@link #leafComplete}, comparing in float as XGBoost does ({@code xf} is the input in float). */
    private int leafComplete(int root, float[] xf) {
        int node = root;
        for (int f; (f = feature[node]) >= 0; ) {
            node = children[2 * node + (xf[f] < thresholdFloat[node] ? 0 : 1)];
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

        private Scratch(int trees, int features) {
            this.leaves = new int[trees];
            this.xf = new float[features];
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
        } else if (float32) {
            float[] xf = scratch.xf;
            for (int i = 0; i < x.length; i++) {
                xf[i] = (float) x[i];
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
                        a = children[2 * a + (xf[f] < thresholdFloat[a] ? 0 : 1)];
                        moving = true;
                    }
                    if ((f = feature[b]) >= 0) {
                        b = children[2 * b + (xf[f] < thresholdFloat[b] ? 0 : 1)];
                        moving = true;
                    }
                    if ((f = feature[c]) >= 0) {
                        c = children[2 * c + (xf[f] < thresholdFloat[c] ? 0 : 1)];
                        moving = true;
                    }
                    if ((f = feature[d]) >= 0) {
                        d = children[2 * d + (xf[f] < thresholdFloat[d] ? 0 : 1)];
                        moving = true;
                    }
                }
                leaves[t] = a;
                leaves[t + 1] = b;
                leaves[t + 2] = c;
                leaves[t + 3] = d;
            }
            for (; t < treeRoots.length; t++) {
                leaves[t] = leafComplete(treeRoots[t], xf);
            }
        } else {
            for (int t = 0; t < treeRoots.length; t++) {
                leaves[t] = leafComplete(treeRoots[t], x);
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
        int[] leaves = leaves(x, scratchFor(scratch, x));
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
