package io.netsec.training.search;

import io.netsec.core.data.Dataset;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.TransformFitter;
import io.netsec.core.transform.TransformOptions;
import io.netsec.training.model.ClassWeights;
import io.netsec.training.model.TrainingMatrix;

/**
 * The model inputs of one train/validation pair, with the transformation fitted on the train
 * rows alone: the unit every candidate is fitted and scored on.
 *
 * @param transform      fitted on {@code trainRows} only
 * @param train          the transformed training rows, with their classes (and weights)
 * @param validationRows indices (into the data set) of the rows scored
 * @param validation     the transformed validation rows
 * @param validationLabels their labels: 1 threat, 0 benign
 * @param validationClasses their classes: the families' indices, or the labels without families
 */
public record FoldData(FittedTransform transform, TrainingMatrix train, int[] validationRows, double[][] validation,
                       int[] validationLabels, int[] validationClasses) {

    /** Fits the transformation on {@code trainRows} and applies it to both parts (threat or benign, rows of weight 1). */
    public static FoldData of(Dataset data, int[] trainRows, int[] validationRows, TransformOptions options) {
        return of(data, trainRows, validationRows, options, ClassTarget.threatOrBenign(data), ClassWeights.NONE);
    }

    /** As {@link #of(Dataset, int[], int[], TransformOptions)}, learning {@code target}'s classes, rows weighted by {@code weights}. */
    public static FoldData of(Dataset data, int[] trainRows, int[] validationRows, TransformOptions options,
                              ClassTarget target, ClassWeights weights) {
        FittedTransform transform = TransformFitter.fit(data, trainRows, options);
        double[][] train = transformRows(data, trainRows, transform);
        int[] trainClasses = target.of(trainRows);
        TrainingMatrix matrix = new TrainingMatrix(train, trainClasses, transform.outputNames(), target.classes(),
                weights.of(trainClasses, target.classCount()));
        return new FoldData(transform, matrix, validationRows, transformRows(data, validationRows, transform),
                labels(data, validationRows), target.of(validationRows));
    }

    static double[][] transformRows(Dataset data, int[] rows, FittedTransform transform) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = transform.apply(data.rows()[rows[i]]);
        }
        return out;
    }

    static int[] labels(Dataset data, int[] rows) {
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = data.labels()[rows[i]];
        }
        return labels;
    }
}
