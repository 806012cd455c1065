package io.netsec.training.model;

import io.netsec.core.data.Dataset;
import java.util.List;

/**
 * The input of a trainer: numeric feature rows after transformation, with the class of each row.
 * The arrays are shared, not copied (data sets can be large); nobody may modify them.
 *
 * @param x            one row per record, all of the same length, no NaN
 * @param y            the class of each row: without families 1 for a threat and 0 for benign; with
 *                     families the index into {@code classes}
 * @param featureNames the name of each column of {@code x}
 * @param classes      the attack families the model tells apart, class 0 the benign class; empty for a
 *                     binary (threat or benign) model
 * @param weights      each row's weight in the fit, or null when every row weighs 1
 */
public record TrainingMatrix(double[][] x, int[] y, List<String> featureNames, List<String> classes, double[] weights) {

    public TrainingMatrix {
        featureNames = List.copyOf(featureNames);
        classes = List.copyOf(classes);
        if (x.length == 0) {
            throw new IllegalArgumentException("a training matrix needs at least one row");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("the matrix has " + x.length + " rows but " + y.length + " labels");
        }
        if (classes.size() == 1) {
            throw new IllegalArgumentException("a model of families needs at least 2 classes, got " + classes);
        }
        if (weights != null && weights.length != x.length) {
            throw new IllegalArgumentException("the matrix has " + x.length + " rows but " + weights.length + " weights");
        }
        int width = featureNames.size();
        int classCount = classes.isEmpty() ? 2 : classes.size();
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values, expected " + width);
            }
            for (double value : x[i]) {
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("row " + i + " holds a value that is not finite: " + value);
                }
            }
            if (y[i] < 0 || y[i] >= classCount) {
                throw new IllegalArgumentException("label of row " + i + " is " + y[i] + (classes.isEmpty()
                        ? ", expected 1 (threat) or 0" : ", expected a class index below " + classCount));
            }
            if (weights != null && !(weights[i] > 0 && Double.isFinite(weights[i]))) {
                throw new IllegalArgumentException("weight of row " + i + " is " + weights[i] + "; weights must be > 0");
            }
        }
    }

    /** A binary (threat or benign) matrix whose rows weigh 1 each. */
    public TrainingMatrix(double[][] x, int[] y, List<String> featureNames) {
        this(x, y, featureNames, List.of(), null);
    }

    /** The rows of a data set whose features are already numeric, with the schema's feature names. */
    public static TrainingMatrix of(Dataset dataset) {
        return new TrainingMatrix(dataset.rows(), dataset.labels(),
                dataset.features().stream().map(column -> column.name()).toList());
    }

    /** Whether the classes are attack families (a class model) rather than threat or benign. */
    public boolean hasFamilies() {
        return !classes.isEmpty();
    }

    /** The number of classes: 2 for threat or benign, else the families' count. */
    public int classCount() {
        return classes.isEmpty() ? 2 : classes.size();
    }

    /** The weight of row {@code i} (1 when the matrix has no weights). */
    public double weight(int i) {
        return weights == null ? 1.0 : weights[i];
    }

    public int rowCount() {
        return x.length;
    }

    public int featureCount() {
        return featureNames.size();
    }

    /** The rows at {@code indices}, in that order (rows are shared, not copied). */
    public TrainingMatrix rows(int[] indices) {
        double[][] subX = new double[indices.length][];
        int[] subY = new int[indices.length];
        double[] subWeights = weights == null ? null : new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            subX[i] = x[indices[i]];
            subY[i] = y[indices[i]];
            if (subWeights != null) {
                subWeights[i] = weights[indices[i]];
            }
        }
        return new TrainingMatrix(subX, subY, featureNames, classes, subWeights);
    }
}
