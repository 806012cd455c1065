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
 * @param featureCount the input length
 * @param aggregation  how tree answers combine
 * @param float32      whether inputs, thresholds and sums are in 32-bit floats (XGBoost's arithmetic)
 * @param baseScore    the margin every vector starts from ({@link Aggregation#MARGIN_SUM} only)
 * @param treeRoots    the root node of each tree
 * @param treeWeights  each tree's weight ({@link Aggregation#WEIGHTED_VOTE} only; else 1)
 */
public record TreeEnsemble(
        int featureCount,
        Aggregation aggregation,
        boolean float32,
        double baseScore,
        int[] treeRoots,
        double[] treeWeights,
        int[] feature,
        double[] threshold,
        int[] left,
        int[] right,
        boolean[] missingLeft,
        double[] threatValue,
        double[] benignValue) implements PortableModel {

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
        if (float32) {
            while (feature[node] >= 0) {
                double value = x[feature[node]];
                node = Double.isNaN(value) ? (missingLeft[node] ? left[node] : right[node])
                        : (float) value < (float) threshold[node] ? left[node] : right[node];
            }
        } else {
            while (feature[node] >= 0) {
                double value = x[feature[node]];
                node = Double.isNaN(value) ? (missingLeft[node] ? left[node] : right[node])
                        : value < threshold[node] ? left[node] : right[node];
            }
        }
        return node;
    }

    @Override
    public double threatProbability(double[] x) {
        return switch (aggregation) {
            case PROBABILITY_AVERAGE -> {
                double threat = 0;
                double benign = 0;
                for (int root : treeRoots) {
                    int leaf = leaf(root, x);
                    threat += threatValue[leaf];
                    benign += benignValue[leaf];
                }
                double total = benign + threat;
                yield total == 0 ? 0.5 : threat / total;
            }
            case WEIGHTED_VOTE -> {
                double threat = 0;
                double benign = 0;
                for (int t = 0; t < treeRoots.length; t++) {
                    int leaf = leaf(treeRoots[t], x);
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
            case MARGIN_SUM -> float32 ? sigmoidFloat(marginFloat(x)) : 1.0 / (1.0 + Math.exp(-margin(x)));
        };
    }

    private float marginFloat(double[] x) {
        float sum = (float) baseScore;
        for (int root : treeRoots) {
            sum += (float) threatValue[leaf(root, x)];
        }
        return sum;
    }

    private static double sigmoidFloat(float margin) {
        return 1.0f / (1.0f + (float) Math.exp(-margin));
    }

    private double margin(double[] x) {
        double sum = baseScore;
        for (int root : treeRoots) {
            sum += threatValue[leaf(root, x)];
        }
        return sum;
    }

    /** The score before the link function: the margin, or the averaged threat probability, or the vote share. */
    public double rawScore(double[] x) {
        return switch (aggregation) {
            case MARGIN_SUM -> float32 ? marginFloat(x) : margin(x);
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
                        : float32 ? (float) value < (float) threshold[node] : value < threshold[node];
                int child = goLeft ? left[node] : right[node];
                contributions[feature[node]] += scale * (nodeScore(child) - nodeScore(node));
                node = child;
            }
        }
        return new Explanation(rawScore(x), bias, contributions);
    }

    @Override
    public int[] treeRoots() {
        return treeRoots.clone();
    }

    @Override
    public double[] treeWeights() {
        return treeWeights.clone();
    }

    @Override
    public int[] feature() {
        return feature.clone();
    }

    @Override
    public double[] threshold() {
        return threshold.clone();
    }

    @Override
    public int[] left() {
        return left.clone();
    }

    @Override
    public int[] right() {
        return right.clone();
    }

    @Override
    public boolean[] missingLeft() {
        return missingLeft.clone();
    }

    @Override
    public double[] threatValue() {
        return threatValue.clone();
    }

    @Override
    public double[] benignValue() {
        return benignValue.clone();
    }
}
