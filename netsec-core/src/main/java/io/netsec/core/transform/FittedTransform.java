package io.netsec.core.transform;

import io.netsec.core.data.RowEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an encoded raw row (see {@link RowEncoder}) into a model input vector: fills missing
 * values, expands categories, scales. Fitted on training rows only by {@link TransformFitter};
 * immutable and thread-safe.
 *
 * <p>At scoring time a category the training data never had (code -1) becomes all zeros in a
 * one-hot encoding and the column's fill value in an ordinal one; a missing value gets the
 * fill value, or the mean of its nearest training neighbours with KNN imputation.
 *
 * @param columns      one fitted column per raw feature, in schema order
 * @param knnReference training rows kept for KNN imputation, or null when not used
 */
public record FittedTransform(List<FittedColumn> columns, KnnImputer knnReference) {

    public FittedTransform {
        columns = List.copyOf(columns);
        if (knnReference != null && knnReference.categorical().length != columns.size()) {
            throw new IllegalArgumentException("the KNN reference rows have " + knnReference.categorical().length
                    + " features, the transformation " + columns.size());
        }
    }

    /** The number of model inputs. */
    public int outputWidth() {
        int width = 0;
        for (FittedColumn column : columns) {
            width += column.width();
        }
        return width;
    }

    /** Names of the model inputs: the column name, or {@code column=category} for one-hot inputs. */
    public List<String> outputNames() {
        List<String> names = new ArrayList<>();
        for (FittedColumn column : columns) {
            if (column.encoding() == FittedColumn.ColumnEncoding.ONE_HOT) {
                for (String category : column.categories()) {
                    names.add(column.name() + "=" + category);
                }
            } else {
                names.add(column.name());
            }
        }
        return names;
    }

    /** Writes the model input for the raw row {@code raw} into {@code out} (length {@link #outputWidth()}). */
    public void apply(double[] raw, double[] out) {
        double[] filled = raw;
        if (knnReference != null && hasMissing(raw)) {
            filled = knnReference.impute(raw, this);
        }
        int o = 0;
        for (int c = 0; c < columns.size(); c++) {
            FittedColumn column = columns.get(c);
            double value = filled[c];
            switch (column.encoding()) {
                case NUMERIC -> out[o++] = ((Double.isNaN(value) ? column.fill() : value) - column.center()) / column.scale();
                case ORDINAL -> {
                    double code = Double.isNaN(value) || value < 0 ? column.fill() : value;
                    out[o++] = (code - column.center()) / column.scale();
                }
                case ONE_HOT -> {
                    int width = column.categories().size();
                    double code = Double.isNaN(value) ? column.fill() : value;
                    for (int k = 0; k < width; k++) {
                        out[o + k] = code == k ? 1 : 0;
                    }
                    o += width;
                }
            }
        }
    }

    /** A new model input vector for {@code raw}. */
    public double[] apply(double[] raw) {
        double[] out = new double[outputWidth()];
        apply(raw, out);
        return out;
    }

    private static boolean hasMissing(double[] raw) {
        for (double value : raw) {
            if (Double.isNaN(value)) {
                return true;
            }
        }
        return false;
    }
}
