package io.netsec.experiment.export;

import io.netsec.core.model.TreeEnsemble;
import java.util.Arrays;

/**
 * Collects the nodes of exported trees into the flat arrays of a {@link TreeEnsemble}. Exporters
 * add nodes in pre-order (a node before its children), so children always get larger indices.
 * Every exporter uses it: Weka's and XGBoost's ({@code netsec train}) and MLlib's ({@code netsec-spark}).
 */
public final class TreeEnsembleBuilder {

    private int size;
    private int[] feature = new int[256];
    private double[] threshold = new double[256];
    private int[] left = new int[256];
    private int[] right = new int[256];
    private boolean[] missingLeft = new boolean[256];
    private double[] threatValue = new double[256];
    private double[] benignValue = new double[256];
    private int treeCount;
    private int[] roots = new int[16];
    private double[] weights = new double[16];

    /** Starts a tree whose root will be the next node added. */
    public void startTree(double weight) {
        if (treeCount == roots.length) {
            roots = Arrays.copyOf(roots, treeCount * 2);
            weights = Arrays.copyOf(weights, treeCount * 2);
        }
        roots[treeCount] = size;
        weights[treeCount] = weight;
        treeCount++;
    }

    /** Adds a leaf and returns its index. */
    public int addLeaf(double threat, double benign) {
        int node = reserve();
        feature[node] = -1;
        left[node] = -1;
        right[node] = -1;
        threatValue[node] = threat;
        benignValue[node] = benign;
        return node;
    }

    /** Adds an inner node whose children are linked later with {@link #link}; returns its index. */
    public int addSplit(int splitFeature, double splitThreshold, boolean missingGoesLeft, double threat, double benign) {
        int node = reserve();
        feature[node] = splitFeature;
        threshold[node] = splitThreshold;
        missingLeft[node] = missingGoesLeft;
        threatValue[node] = threat;
        benignValue[node] = benign;
        return node;
    }

    public void link(int node, int leftChild, int rightChild) {
        left[node] = leftChild;
        right[node] = rightChild;
    }

    /** Replaces the values of a node, for exporters that know inner values only after visiting the children. */
    public void setValues(int node, double threat, double benign) {
        threatValue[node] = threat;
        benignValue[node] = benign;
    }

    private int reserve() {
        if (size == feature.length) {
            int capacity = size * 2;
            feature = Arrays.copyOf(feature, capacity);
            threshold = Arrays.copyOf(threshold, capacity);
            left = Arrays.copyOf(left, capacity);
            right = Arrays.copyOf(right, capacity);
            missingLeft = Arrays.copyOf(missingLeft, capacity);
            threatValue = Arrays.copyOf(threatValue, capacity);
            benignValue = Arrays.copyOf(benignValue, capacity);
        }
        return size++;
    }

    public TreeEnsemble build(int featureCount, TreeEnsemble.Aggregation aggregation, boolean float32, double baseScore) {
        return new TreeEnsemble(featureCount, aggregation, float32, baseScore,
                Arrays.copyOf(roots, treeCount), Arrays.copyOf(weights, treeCount),
                Arrays.copyOf(feature, size), Arrays.copyOf(threshold, size),
                Arrays.copyOf(left, size), Arrays.copyOf(right, size),
                Arrays.copyOf(missingLeft, size), Arrays.copyOf(threatValue, size),
                Arrays.copyOf(benignValue, size));
    }
}
