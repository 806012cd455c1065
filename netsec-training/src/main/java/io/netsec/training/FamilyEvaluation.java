package io.netsec.training;

import io.netsec.core.data.Dataset;
import io.netsec.core.model.ClassModel;
import io.netsec.core.model.PortableModel;
import io.netsec.core.transform.FittedTransform;
import io.netsec.experiment.metrics.FamilyMetricsCalculator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The per-family figures of a family model on held-out rows: the model's class probabilities of
 * each row, scored by the portable model (as the bundle will score them), against the row's family.
 */
public final class FamilyEvaluation {

    private FamilyEvaluation() {
    }

    /**
     * The calculator of {@code model}'s figures on {@code rows}; empty when the data has no
     * families or the model tells only threat from benign. A family that has rows here but none in
     * the model's training part (so the model has no such class) is added after the model's
     * classes with probability 0: its rows count, and are missed.
     */
    public static Optional<FamilyMetricsCalculator> of(Dataset data, int[] rows, FittedTransform transform,
                                                       PortableModel model) {
        if (!data.hasFamilies() || !(model instanceof ClassModel classModel)) {
            return Optional.empty();
        }
        List<String> classes = new ArrayList<>(classModel.classNames());
        int[] actual = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            String name = data.classNames().get(data.classes()[rows[i]]);
            int index = classes.indexOf(name);
            if (index < 0) {
                classes.add(name);
                index = classes.size() - 1;
            }
            actual[i] = index;
        }
        double[][] probabilities = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] p = classModel.classProbabilities(transform.apply(data.rows()[rows[i]]));
            probabilities[i] = java.util.Arrays.copyOf(p, classes.size());
        }
        return Optional.of(new FamilyMetricsCalculator(classes, actual, probabilities));
    }
}
