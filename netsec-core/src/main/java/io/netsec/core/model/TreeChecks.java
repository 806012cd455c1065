package io.netsec.core.model;

import io.netsec.core.model.TreeEnsemble.Aggregation;

/**
 * The checks a {@link TreeEnsemble} passes when it is built, so that a model file that was
 * tampered with (and its checksums recomputed) is refused at load, naming the tree and node at
 * fault, rather than crash, hang or answer something that is no probability when scored.
 */
final class TreeChecks {

    private TreeChecks() {
    }

    /** Refuses arrays that would index out of bounds or loop, so a tampered file cannot hang or crash scoring. */
    static void checkStructure(TreeEnsemble trees) {
        int featureCount = trees.featureCount;
        int[] treeRoots = trees.treeRoots;
        double[] treeWeights = trees.treeWeights;
        int[] feature = trees.feature;
        double[] threshold = trees.threshold;
        int[] left = trees.left;
        int[] right = trees.right;
        int nodes = feature.length;
        if (featureCount <= 0) {
            throw new IllegalArgumentException("feature_count must be positive");
        }
        if (threshold.length != nodes || left.length != nodes || right.length != nodes
                || trees.missingLeft.length != nodes || trees.threatValue.length != nodes
                || trees.benignValue.length != nodes) {
            throw new IllegalArgumentException("the node arrays of a tree ensemble differ in length");
        }
        if (treeRoots.length == 0 || treeWeights.length != treeRoots.length) {
            throw new IllegalArgumentException("a tree ensemble needs at least one tree and one weight per tree");
        }
        checkNodes(featureCount, treeRoots, feature, threshold, left, right);
    }

    /**
     * The checks every flat tree layout passes (here and in {@link ClassChecks}): roots are
     * nodes, split features are inputs, children come after their parent and are nodes, and
     * thresholds are numbers.
     */
    static void checkNodes(int featureCount, int[] treeRoots, int[] feature, double[] threshold, int[] left, int[] right) {
        int nodes = feature.length;
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
    static void checkValues(TreeEnsemble trees) {
        double[] treeWeights = trees.treeWeights;
        double[] threatValue = trees.threatValue;
        double[] benignValue = trees.benignValue;
        int[] feature = trees.feature;
        boolean float32 = trees.float32;
        double baseScore = trees.baseScore;
        Aggregation aggregation = trees.aggregation;
        int nodes = feature.length;
        int[] tree = treeOfNode(trees);
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
            largestBelow[i] = feature[i] >= 0 ? Math.max(largestBelow[trees.left[i]], largestBelow[trees.right[i]])
                    : margins ? Math.abs(threatValue[i]) : threatValue[i] + benignValue[i];
        }
        double largest = margins ? Math.abs(baseScore) : 0;
        for (int root : trees.treeRoots) {
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
    private static int[] treeOfNode(TreeEnsemble trees) {
        return treeOfNode(trees.treeRoots, trees.feature, trees.left, trees.right);
    }

    /** The tree each node belongs to (the first that reaches it), or -1, for any flat tree layout. */
    static int[] treeOfNode(int[] treeRoots, int[] feature, int[] left, int[] right) {
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

    static String where(int[] tree, int node) {
        return (tree[node] >= 0 ? "tree " + tree[node] + ", node " + node : "node " + node + " (in no tree)") + ": ";
    }

}
