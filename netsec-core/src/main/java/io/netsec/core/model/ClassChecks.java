package io.netsec.core.model;

import io.netsec.core.model.ClassTrees.Aggregation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks a class model passes when it is built, as {@link TreeChecks} for the binary trees:
 * a model file that was tampered with (and its checksums recomputed) is refused at load, naming
 * the tree, node or class at fault, rather than crash, hang or answer something that is no
 * probability.
 */
final class ClassChecks {

    private ClassChecks() {
    }

    /** Two or more classes, each named, no name twice; an immutable copy. */
    static List<String> classNames(List<String> classes) {
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a class model needs at least 2 classes (the benign class first), not "
                    + classes.size());
        }
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < classes.size(); k++) {
            String name = classes.get(k);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("class " + k + " has no name");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("class " + k + " is named '" + name + "', as an earlier class is");
            }
        }
        return List.copyOf(classes);
    }

    /** Refuses arrays that would index out of bounds or loop, and fields of the other aggregation. */
    static void checkStructure(ClassTrees trees) {
        int nodes = trees.feature.length;
        int classes = trees.classes.size();
        if (trees.featureCount <= 0) {
            throw new IllegalArgumentException("feature_count must be positive");
        }
        if (trees.threshold.length != nodes || trees.left.length != nodes || trees.right.length != nodes
                || trees.missingLeft.length != nodes) {
            throw new IllegalArgumentException("the node arrays of the class trees differ in length");
        }
        if (trees.classValue.length != (long) nodes * classes) {
            throw new IllegalArgumentException("class_value holds " + trees.classValue.length + " values, not one per node"
                    + " and class (" + nodes + " x " + classes + ")");
        }
        if (trees.treeRoots.length == 0) {
            throw new IllegalArgumentException("class trees need at least one tree");
        }
        TreeChecks.checkNodes(trees.featureCount, trees.treeRoots, trees.feature, trees.threshold, trees.left, trees.right);
        if (trees.aggregation == Aggregation.MARGIN_SUM) {
            if (trees.baseScore == null || trees.baseScore.length != classes) {
                throw new IllegalArgumentException("margin_sum class trees need 'base_score' with one margin per class ("
                        + classes + ")");
            }
            if (trees.treeClass == null || trees.treeClass.length != trees.treeRoots.length) {
                throw new IllegalArgumentException("margin_sum class trees need 'tree_class' with one class per tree ("
                        + trees.treeRoots.length + ")");
            }
            for (int t = 0; t < trees.treeClass.length; t++) {
                if (trees.treeClass[t] < 0 || trees.treeClass[t] >= classes) {
                    throw new IllegalArgumentException("tree " + t + " adds to class " + trees.treeClass[t] + " of "
                            + classes);
                }
            }
        } else if (trees.baseScore != null || trees.treeClass != null) {
            throw new IllegalArgumentException("probability_average class trees have no 'base_score' or 'tree_class'"
                    + " (margin_sum fields)");
        }
    }

    /**
     * Refuses values that would make an answer no probability, naming the tree and node:
     * <ul>
     * <li>{@link Aggregation#PROBABILITY_AVERAGE}: class values are counts or shares, finite and
     * not negative, and what the trees' largest leaves add up to stays far from overflowing.</li>
     * <li>{@link Aggregation#MARGIN_SUM}: margins and base scores are finite (in float for a
     * float32 ensemble); a tree's nodes hold nothing but 0 for the classes it does not add to
     * (one meaning per file); each class's largest reachable margin stays far from overflowing.</li>
     * </ul>
     */
    static void checkValues(ClassTrees trees) {
        int nodes = trees.feature.length;
        int classes = trees.classes.size();
        double[] value = trees.classValue;
        int[] tree = TreeChecks.treeOfNode(trees.treeRoots, trees.feature, trees.left, trees.right);
        boolean margins = trees.aggregation == Aggregation.MARGIN_SUM;
        for (int i = 0; i < nodes; i++) {
            double total = 0;
            for (int c = 0; c < classes; c++) {
                double v = value[i * classes + c];
                if (margins) {
                    if (!Double.isFinite(v) || (trees.float32 && !Float.isFinite((float) v))) {
                        throw new IllegalArgumentException(TreeChecks.where(tree, i) + "has the margin " + v + " for class "
                                + c + "; margins must be finite numbers");
                    }
                    if (tree[i] >= 0 && c != trees.treeClass[tree[i]] && v != 0) {
                        throw new IllegalArgumentException(TreeChecks.where(tree, i) + "holds " + v + " for class " + c
                                + ", but its tree adds to class " + trees.treeClass[tree[i]] + " only (the others are 0)");
                    }
                } else if (!(v >= 0 && Double.isFinite(v))) {
                    throw new IllegalArgumentException(TreeChecks.where(tree, i) + "has the class value " + v + " for class "
                            + c + "; a class count or share is a finite number, not negative");
                }
                total += Math.abs(v);
            }
            if (!Double.isFinite(total)) {
                throw new IllegalArgumentException(TreeChecks.where(tree, i) + "has class values that add up to " + total);
            }
        }
        if (margins) {
            for (int c = 0; c < classes; c++) {
                double base = trees.baseScore[c];
                if (!(Double.isFinite(base) && (!trees.float32 || Float.isFinite((float) base)))) {
                    throw new IllegalArgumentException("the base score " + base + " of class " + c + " is not a finite margin");
                }
            }
        }
        checkSums(trees, margins);
    }

    /**
     * What the trees' answers can add up to, per class for margins (the base score and the
     * largest leaf of each of its trees), over all classes for distributions (each tree's
     * largest leaf total), stays within half the range of the arithmetic used.
     */
    private static void checkSums(ClassTrees trees, boolean margins) {
        int nodes = trees.feature.length;
        int classes = trees.classes.size();
        int[] feature = trees.feature;
        double[] largest = new double[classes];
        for (int c = 0; c < classes; c++) {
            largest[c] = margins ? Math.abs(trees.baseScore[c]) : 0;
        }
        double[] largestBelow = new double[nodes];
        for (int i = nodes - 1; i >= 0; i--) {
            if (feature[i] >= 0) {
                largestBelow[i] = Math.max(largestBelow[trees.left[i]], largestBelow[trees.right[i]]);
            } else {
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    sum += Math.abs(trees.classValue[i * classes + c]);
                }
                largestBelow[i] = sum;
            }
        }
        for (int t = 0; t < trees.treeRoots.length; t++) {
            largest[margins ? trees.treeClass[t] : 0] += largestBelow[trees.treeRoots[t]];
        }
        boolean inFloat = margins && trees.float32;
        double bound = (inFloat ? Float.MAX_VALUE : Double.MAX_VALUE) / 2;
        for (int c = 0; c < classes; c++) {
            if (!(largest[c] <= bound)) {
                throw new IllegalArgumentException((margins ? "the margins of class " + c + "'s trees"
                        : "the class values of the trees") + " can add up to " + largest[c] + ", too large to "
                        + (inFloat ? "sum in float" : "sum"));
            }
        }
    }
}
