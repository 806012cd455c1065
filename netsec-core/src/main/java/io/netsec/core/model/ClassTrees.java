package io.netsec.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decision trees that tell the classes apart: the flat node layout of {@link TreeEnsemble}
 * ({@code feature}, {@code threshold}, {@code left}, {@code right}, {@code missingLeft},
 * {@code treeRoots}, children after their parent), with a class vector per node instead of a
 * threat and a benign value: {@code classValue[node * classCount + k]} for class {@code k}. At a
 * leaf it is what the tree answers; at an inner node what it would answer if cut there (used for
 * explanations). Class 0 is the benign class.
 *
 * <p>How the trees' answers combine is the {@link Aggregation}; its properties:
 * <ul>
 * <li>{@code classes}: the class names, the benign class first</li>
 * <li>{@code float32}: whether inputs, thresholds and sums are in 32-bit floats (XGBoost's arithmetic)</li>
 * <li>{@code baseScore}: the margin each class starts from ({@link Aggregation#MARGIN_SUM} only; else null)</li>
 * <li>{@code treeClass}: the class whose margin each tree adds to ({@link Aggregation#MARGIN_SUM} only; else null)</li>
 * </ul>
 *
 * <p>The model as data and its one reference walk ({@link #leaf}, then {@link #probabilitiesOfLeaves}),
 * checked when built ({@link ClassChecks}), so that a tampered file is refused at load.
 */
public final class ClassTrees implements ClassModel {

    final int featureCount;
    final Aggregation aggregation;
    final boolean float32;
    final List<String> classes;
    final double[] baseScore;
    final int[] treeRoots;
    final int[] treeClass;
    final int[] feature;
    final double[] threshold;
    final int[] left;
    final int[] right;
    final boolean[] missingLeft;
    final double[] classValue;

    /** How the answers of the trees make the class probabilities. */
    public enum Aggregation {
        /**
         * Each leaf holds a class distribution (counts or shares, not negative); the trees' are
         * added per class, in tree order, and normalised (Weka's J48, bagging and random forest,
         * as {@link TreeEnsemble.Aggregation#PROBABILITY_AVERAGE}): {@code p[k] = sum[k] / total}.
         * Leaves of no weight at all answer every class alike.
         */
        PROBABILITY_AVERAGE,
        /**
         * Leaves hold margins; tree {@code t} adds to the margin of class {@code treeClass[t]}
         * only, and {@code p = softmax(baseScore[k] + sum of class k's leaves)} (XGBoost's
         * {@code multi:softprob}: one tree per class and round).
         */
        MARGIN_SUM;

        @JsonValue
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Aggregation fromJson(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    @JsonCreator
    public ClassTrees(
            @JsonProperty("feature_count") int featureCount,
            @JsonProperty("aggregation") Aggregation aggregation,
            @JsonProperty("float32") boolean float32,
            @JsonProperty("classes") List<String> classes,
            @JsonProperty("base_score") double[] baseScore,
            @JsonProperty("tree_roots") int[] treeRoots,
            @JsonProperty("tree_class") int[] treeClass,
            @JsonProperty("feature") int[] feature,
            @JsonProperty("threshold") double[] threshold,
            @JsonProperty("left") int[] left,
            @JsonProperty("right") int[] right,
            @JsonProperty("missing_left") boolean[] missingLeft,
            @JsonProperty("class_value") double[] classValue) {
        this.featureCount = featureCount;
        this.aggregation = require(aggregation, "aggregation");
        this.float32 = float32;
        this.classes = ClassChecks.classNames(require(classes, "classes"));
        this.baseScore = baseScore == null ? null : baseScore.clone();
        this.treeRoots = require(treeRoots, "tree_roots").clone();
        this.treeClass = treeClass == null ? null : treeClass.clone();
        this.feature = require(feature, "feature").clone();
        this.threshold = require(threshold, "threshold").clone();
        this.left = require(left, "left").clone();
        this.right = require(right, "right").clone();
        this.missingLeft = require(missingLeft, "missing_left").clone();
        this.classValue = require(classValue, "class_value").clone();
        ClassChecks.checkStructure(this);
        ClassChecks.checkValues(this);
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("class trees need '" + name + "'");
        }
        return value;
    }

    @Override
    public int classCount() {
        return classes.size();
    }

    @JsonIgnore
    public int treeCount() {
        return treeRoots.length;
    }

    @JsonIgnore
    public int nodeCount() {
        return feature.length;
    }

    /** The leaf {@code x} reaches in the tree rooted at {@code root}: the reference walk, as {@link TreeEnsemble#leaf}. */
    public int leaf(int root, double[] x) {
        int node = root;
        while (feature[node] >= 0) {
            node = goesLeft(node, x[feature[node]]) ? left[node] : right[node];
        }
        return node;
    }

    private boolean goesLeft(int node, double value) {
        return Double.isNaN(value) ? missingLeft[node]
                : float32 ? (float) value < (float) threshold[node] : value < threshold[node];
    }

    private int[] leaves(double[] x) {
        int[] leaves = new int[treeRoots.length];
        for (int t = 0; t < treeRoots.length; t++) {
            leaves[t] = leaf(treeRoots[t], x);
        }
        return leaves;
    }

    /** The reference answer: every tree's {@link #leaf}, combined by {@link #probabilitiesOfLeaves}. */
    @Override
    public double[] classProbabilities(double[] x) {
        return probabilitiesOfLeaves(leaves(x));
    }

    /**
     * The class probabilities from the leaf each tree reached ({@code leaves[t]} for tree
     * {@code t}), as the {@link Aggregation} combines them, in tree order (in float for a float32
     * ensemble's margins), so that a plan which finds the same leaves answers the same bits.
     */
    public double[] probabilitiesOfLeaves(int[] leaves) {
        int k = classes.size();
        if (aggregation == Aggregation.PROBABILITY_AVERAGE) {
            double[] sums = new double[k];
            for (int t = 0; t < treeRoots.length; t++) {
                int at = leaves[t] * k;
                for (int c = 0; c < k; c++) {
                    sums[c] += classValue[at + c];
                }
            }
            double total = 0;
            for (double sum : sums) {
                total += sum;
            }
            for (int c = 0; c < k; c++) {
                sums[c] = total == 0 ? 1.0 / k : sums[c] / total;
            }
            return sums;
        }
        if (float32) {
            float[] margins = new float[k];
            for (int c = 0; c < k; c++) {
                margins[c] = (float) baseScore[c];
            }
            for (int t = 0; t < treeRoots.length; t++) {
                margins[treeClass[t]] += (float) classValue[leaves[t] * k + treeClass[t]];
            }
            return ClassOdds.softmax(margins);
        }
        return ClassOdds.softmax(margins(leaves));
    }

    /** Each class's margin in double: its base score plus its trees' leaves, in tree order. */
    private double[] margins(int[] leaves) {
        int k = classes.size();
        double[] margins = baseScore.clone();
        for (int t = 0; t < treeRoots.length; t++) {
            margins[treeClass[t]] += classValue[leaves[t] * k + treeClass[t]];
        }
        return margins;
    }

    /** The threat share of a node's class distribution: one minus the benign share (uniform when it is empty). */
    private double threatShare(int node) {
        int k = classes.size();
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += classValue[node * k + c];
        }
        return total == 0 ? 1 - 1.0 / k : 1 - classValue[node * k] / total;
    }

    /**
     * Why {@code x} got its threat probability.
     * <ul>
     * <li>{@link Aggregation#PROBABILITY_AVERAGE}: path attribution (Saabas) of the averaged
     * threat share, as {@link TreeEnsemble#explain}: along each tree's path, the change of the
     * node's threat share (one minus its benign share) is credited to the feature split on,
     * divided by the number of trees. The raw score is the mean of the leaves' threat shares:
     * the threat probability itself when every leaf is a normalised distribution (what forests
     * hold) or there is one tree.</li>
     * <li>{@link Aggregation#MARGIN_SUM}: the threat probability's log-odds
     * {@code log((1 - p0) / p0)} is not a sum over trees, so it is shared out along the walk:
     * the bias is the log-odds of the base scores plus every tree's root value; then, tree by
     * tree in order and node by node down each path, the change of the log-odds when the tree's
     * class margin moves from a node's value to its child's is credited to the feature split on.
     * The raw score is the log-odds at the leaves (in double: the probability's own log-odds up
     * to float rounding for a float32 ensemble). Exact: the steps add up; another order of the
     * trees could share it differently.</li>
     * </ul>
     */
    @Override
    public Explanation explain(double[] x) {
        double[] contributions = new double[featureCount];
        int k = classes.size();
        if (aggregation == Aggregation.PROBABILITY_AVERAGE) {
            double scale = 1.0 / treeRoots.length;
            double bias = 0;
            double raw = 0;
            for (int root : treeRoots) {
                int node = root;
                bias += scale * threatShare(node);
                while (feature[node] >= 0) {
                    int child = goesLeft(node, x[feature[node]]) ? left[node] : right[node];
                    contributions[feature[node]] += scale * (threatShare(child) - threatShare(node));
                    node = child;
                }
                raw += scale * threatShare(node);
            }
            return new Explanation(raw, bias, contributions);
        }
        double[] margins = baseScore.clone();
        for (int t = 0; t < treeRoots.length; t++) {
            margins[treeClass[t]] += classValue[treeRoots[t] * k + treeClass[t]];
        }
        double bias = ClassOdds.benignVsRest(margins);
        double odds = bias;
        for (int t = 0; t < treeRoots.length; t++) {
            int c = treeClass[t];
            int node = treeRoots[t];
            while (feature[node] >= 0) {
                int child = goesLeft(node, x[feature[node]]) ? left[node] : right[node];
                margins[c] += classValue[child * k + c] - classValue[node * k + c];
                double next = ClassOdds.benignVsRest(margins);
                contributions[feature[node]] += next - odds;
                odds = next;
                node = child;
            }
        }
        return new Explanation(odds, bias, contributions);
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

    @Override
    @JsonProperty("classes")
    public List<String> classNames() {
        return classes;
    }

    @JsonProperty("base_score")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public double[] baseScore() {
        return baseScore == null ? null : baseScore.clone();
    }

    @JsonProperty("tree_roots")
    public int[] treeRoots() {
        return treeRoots.clone();
    }

    @JsonProperty("tree_class")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public int[] treeClass() {
        return treeClass == null ? null : treeClass.clone();
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

    @JsonProperty("class_value")
    public double[] classValue() {
        return classValue.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassTrees that && featureCount == that.featureCount && aggregation == that.aggregation
                && float32 == that.float32 && classes.equals(that.classes) && Arrays.equals(baseScore, that.baseScore)
                && Arrays.equals(treeRoots, that.treeRoots) && Arrays.equals(treeClass, that.treeClass)
                && Arrays.equals(feature, that.feature) && Arrays.equals(threshold, that.threshold)
                && Arrays.equals(left, that.left) && Arrays.equals(right, that.right)
                && Arrays.equals(missingLeft, that.missingLeft) && Arrays.equals(classValue, that.classValue);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * classes.hashCode() + Arrays.hashCode(feature)) + Arrays.hashCode(threshold))
                + Arrays.hashCode(classValue);
    }
}
