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
 *
 * <p>This class is the model as data and its one reference walk ({@link #leaf}, then
 * {@link #probabilityOfLeaves}): plain, one node at a time, the oracle every faster plan of
 * {@code io.netsec.core.engine} is tested against. It holds nothing derived for speed; the
 * engine compiles that from these arrays when a detector loads the model. Its structure and
 * values are checked when it is built ({@link TreeChecks}), so a tampered file is refused at load.
 */
public final class TreeEnsemble implements PortableModel {

    final int featureCount;
    final Aggregation aggregation;
    final boolean float32;
    final double baseScore;
    final int[] treeRoots;
    final double[] treeWeights;
    final int[] feature;
    final double[] threshold;
    final int[] left;
    final int[] right;
    final boolean[] missingLeft;
    final double[] threatValue;
    final double[] benignValue;

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
        TreeChecks.checkStructure(this);
        TreeChecks.checkValues(this);
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("a tree ensemble needs '" + name + "'");
        }
        return value;
    }


    @JsonIgnore
    public int treeCount() {
        return treeRoots.length;
    }

    @JsonIgnore
    public int nodeCount() {
        return feature.length;
    }

    /**
     * The leaf that {@code x} reaches in the tree rooted at {@code root}: the reference walk. A
     * float32 ensemble compares the value and the threshold as floats, as XGBoost does.
     */
    public int leaf(int root, double[] x) {
        int node = root;
        while (feature[node] >= 0) {
            node = goesLeft(node, x[feature[node]]) ? left[node] : right[node];
        }
        return node;
    }

    /** Which side of {@code node} the value goes to: NaN to the side {@code missingLeft} names. */
    private boolean goesLeft(int node, double value) {
        return Double.isNaN(value) ? missingLeft[node]
                : float32 ? (float) value < (float) threshold[node] : value < threshold[node];
    }

    /** The reference answer: every tree's {@link #leaf}, combined by {@link #probabilityOfLeaves}. */
    @Override
    public double threatProbability(double[] x) {
        return probabilityOfLeaves(leaves(x));
    }

    private int[] leaves(double[] x) {
        int[] leaves = new int[treeRoots.length];
        for (int t = 0; t < treeRoots.length; t++) {
            leaves[t] = leaf(treeRoots[t], x);
        }
        return leaves;
    }

    /**
     * The probability from the leaf each tree reached ({@code leaves[t]} for tree {@code t}), as
     * the {@link Aggregation} combines them. Margins add in tree order, in float for a float32
     * ensemble, so that a plan which finds the same leaves answers the same bits.
     */
    public double probabilityOfLeaves(int[] leaves) {
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
            case MARGIN_SUM -> float32 ? probabilityOfMargin(marginFloat(leaves)) : 1.0 / (1.0 + Math.exp(-margin(leaves)));
        };
    }

    private float marginFloat(int[] leaves) {
        float sum = (float) baseScore;
        for (int t = 0; t < treeRoots.length; t++) {
            sum += (float) threatValue[leaves[t]];
        }
        return sum;
    }

    private double margin(int[] leaves) {
        double sum = baseScore;
        for (int t = 0; t < treeRoots.length; t++) {
            sum += threatValue[leaves[t]];
        }
        return sum;
    }

    /**
     * The probability of a float32 ensemble's margin: XGBoost's sigmoid, in float. A plan that
     * sums the same margins in the same order calls this to answer the same bits.
     */
    public static double probabilityOfMargin(float margin) {
        return 1.0f / (1.0f + (float) Math.exp(-margin));
    }

    /** The score before the link function: the margin, or the averaged threat probability, or the vote share. */
    public double rawScore(double[] x) {
        return switch (aggregation) {
            case MARGIN_SUM -> {
                int[] leaves = leaves(x);
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
                int child = goesLeft(node, x[feature[node]]) ? left[node] : right[node];
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
