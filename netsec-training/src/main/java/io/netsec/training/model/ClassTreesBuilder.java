package io.netsec.training.model;

import io.netsec.core.model.ClassTrees;
import io.netsec.experiment.export.TreeEnsembleBuilder;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the nodes of exported trees into the flat arrays of a {@link ClassTrees}, as
 * {@link TreeEnsembleBuilder} does for two classes: nodes in pre-order (children after their
 * parent), and a vector of one value per class at every node.
 */
final class ClassTreesBuilder {

    private final int classCount;
    private int size;
    private int[] feature = new int[256];
    private double[] threshold = new double[256];
    private int[] left = new int[256];
    private int[] right = new int[256];
    private boolean[] missingLeft = new boolean[256];
    private double[] classValue;
    private int treeCount;
    private int[] roots = new int[16];
    private int[] treeClass = new int[16];

    ClassTreesBuilder(int classCount) {
        this.classCount = classCount;
        this.classValue = new double[256 * classCount];
    }

    /** Starts a tree whose root will be the next node added; {@code forClass} is the class whose margin it adds to (margin sums only). */
    void startTree(int forClass) {
        if (treeCount == roots.length) {
            roots = Arrays.copyOf(roots, treeCount * 2);
            treeClass = Arrays.copyOf(treeClass, treeCount * 2);
        }
        roots[treeCount] = size;
        treeClass[treeCount] = forClass;
        treeCount++;
    }

    /** Adds a leaf answering {@code values} (one per class) and returns its index. */
    int addLeaf(double[] values) {
        int node = reserve();
        feature[node] = -1;
        left[node] = -1;
        right[node] = -1;
        setValues(node, values);
        return node;
    }

    /** Adds an inner node whose children are linked later with {@link #link}; returns its index. */
    int addSplit(int splitFeature, double splitThreshold, boolean missingGoesLeft, double[] values) {
        int node = reserve();
        feature[node] = splitFeature;
        threshold[node] = splitThreshold;
        missingLeft[node] = missingGoesLeft;
        setValues(node, values);
        return node;
    }

    void link(int node, int leftChild, int rightChild) {
        left[node] = leftChild;
        right[node] = rightChild;
    }

    /** Replaces the class values of a node, for exporters that know inner values only after visiting the children. */
    void setValues(int node, double[] values) {
        if (values.length != classCount) {
            throw new NotExportableException("a node holds " + values.length + " class values for " + classCount + " classes");
        }
        System.arraycopy(values, 0, classValue, node * classCount, classCount);
    }

    private int reserve() {
        if (size == feature.length) {
            int capacity = size * 2;
            feature = Arrays.copyOf(feature, capacity);
            threshold = Arrays.copyOf(threshold, capacity);
            left = Arrays.copyOf(left, capacity);
            right = Arrays.copyOf(right, capacity);
            missingLeft = Arrays.copyOf(missingLeft, capacity);
            classValue = Arrays.copyOf(classValue, capacity * classCount);
        }
        return size++;
    }

    /** The trees, their answers averaged as class distributions (Weka's trees and forests). */
    ClassTrees buildAverage(int featureCount, List<String> classes) {
        return build(featureCount, ClassTrees.Aggregation.PROBABILITY_AVERAGE, false, classes, null, null);
    }

    /** The trees, their leaves summed per class as margins from {@code baseScore}, then a softmax (XGBoost's float arithmetic). */
    ClassTrees buildMarginSum(int featureCount, List<String> classes, double[] baseScore) {
        return build(featureCount, ClassTrees.Aggregation.MARGIN_SUM, true, classes, baseScore,
                Arrays.copyOf(treeClass, treeCount));
    }

    private ClassTrees build(int featureCount, ClassTrees.Aggregation aggregation, boolean float32, List<String> classes,
                             double[] baseScore, int[] classOfTree) {
        try {
            return new ClassTrees(featureCount, aggregation, float32, classes, baseScore, Arrays.copyOf(roots, treeCount),
                    classOfTree, Arrays.copyOf(feature, size), Arrays.copyOf(threshold, size), Arrays.copyOf(left, size),
                    Arrays.copyOf(right, size), Arrays.copyOf(missingLeft, size),
                    Arrays.copyOf(classValue, size * classCount));
        } catch (IllegalArgumentException e) {
            throw new NotExportableException("the exported trees are no valid class model: " + e.getMessage(), e);
        }
    }
}
