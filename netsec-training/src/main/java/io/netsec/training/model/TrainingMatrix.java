package io.netsec.training.model;

import io.netsec.core.data.Dataset;
import java.util.List;

/**
 * The input of a trainer: numeric feature rows after transformation, with the class of each row.
 * The arrays are shared, not copied (data sets can be large); nobody may modify them.
 *
 * @param x            one row per record, all of the same length, no NaN
 * @param y            1 for a threat, 0 for benign
 * @param featureNames the name of each column of {@code x}
 */
public record TrainingMatrix(double[][] x, int[] y, List<String> featureNames) {

    public TrainingMatrix {
        featureNames = List.copyOf(featureNames);
        if (x.length == 0) {
            throw new IllegalArgumentException("a training matrix needs at least one row");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("the matrix has " + x.length + " rows but " + y.length + " labels");
        }
        int width = featureNames.size();
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values, expected " + width);
            }
            for (double value : x[i]) {
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("row " + i + " holds a value that is not finite: " + value);
                }
            }
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("label of row " + i + " is " + y[i] + ", expected 1 (threat) or 0");
            }
        }
    }

    /** The rows of a data set whose features are already numeric, with the schema's feature names. */
    public static TrainingMatrix of(Dataset dataset) {
        return new TrainingMatrix(dataset.rows(), dataset.labels(),
                dataset.features().stream().map(column -> column.name()).toList());
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
        for (int i = 0; i < indices.length; i++) {
            subX[i] = x[indices[i]];
            subY[i] = y[indices[i]];
        }
        return new TrainingMatrix(subX, subY, featureNames);
    }
}
