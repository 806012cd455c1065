package io.netsec.core.transform;

/**
 * How to fit the transformation from raw features to model inputs.
 *
 * @param numericImputation     how a missing numeric value is filled
 * @param categoricalImputation how a missing category is filled
 * @param encoding              how categories become numbers
 * @param scaling               whether numeric inputs are rescaled
 * @param knnNeighbours         neighbours used by {@link Imputation#KNN}
 * @param knnReferenceRows      at most this many training rows are kept for KNN imputation
 */
public record TransformOptions(
        Imputation numericImputation,
        Imputation categoricalImputation,
        Encoding encoding,
        Scaling scaling,
        int knnNeighbours,
        int knnReferenceRows) {

    /** Median and most-frequent imputation, one-hot encoding, no scaling: right for tree models. */
    public static final TransformOptions DEFAULTS =
            new TransformOptions(Imputation.MEDIAN, Imputation.MOST_FREQUENT, Encoding.ONE_HOT, Scaling.NONE, 3, 2000);

    public TransformOptions {
        if (categoricalImputation == Imputation.MEDIAN || categoricalImputation == Imputation.MEAN) {
            throw new IllegalArgumentException("categorical columns can be imputed with most_frequent or knn only");
        }
        if (knnNeighbours < 1 || knnReferenceRows < knnNeighbours) {
            throw new IllegalArgumentException("knn needs at least 1 neighbour and as many reference rows");
        }
    }

    /** How a missing value is filled. */
    public enum Imputation { MEDIAN, MEAN, MOST_FREQUENT, KNN }

    /** How categories become numbers: one input per category, or the category's index. */
    public enum Encoding { ONE_HOT, ORDINAL }

    /** How numeric inputs are rescaled. */
    public enum Scaling { NONE, STANDARD, MIN_MAX }

    public TransformOptions withScaling(Scaling newScaling) {
        return new TransformOptions(numericImputation, categoricalImputation, encoding, newScaling, knnNeighbours, knnReferenceRows);
    }

    public TransformOptions withImputation(Imputation numeric, Imputation categorical) {
        return new TransformOptions(numeric, categorical, encoding, scaling, knnNeighbours, knnReferenceRows);
    }

    public TransformOptions withEncoding(Encoding newEncoding) {
        return new TransformOptions(numericImputation, categoricalImputation, newEncoding, scaling, knnNeighbours, knnReferenceRows);
    }
}
