package io.netsec.training;

import io.netsec.core.bundle.TrainingProvenance;
import io.netsec.core.model.ClassModel;
import io.netsec.core.model.PortableModel;
import io.netsec.training.model.ClassWeights;
import io.netsec.training.model.Trainer;
import io.netsec.training.search.ClassTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * What training on attack families adds to the protocol: the candidates that can learn them, the
 * manifest's account of the classes, and the class probabilities of the test rows.
 */
final class FamilyTraining {

    /** The manifest's name of the selection score with families (one-vs-rest ROC AUC, macro-averaged). */
    static final String MACRO_SCORE = "macro_roc_auc_ovr";

    private FamilyTraining() {
    }

    /** The candidates that can learn {@code target}'s classes: all of them without families. */
    static List<Trainer> candidates(List<Trainer> candidates, ClassTarget target) {
        if (!target.hasFamilies()) {
            return candidates;
        }
        List<Trainer> able = candidates.stream().filter(Trainer::supportsFamilies).toList();
        if (able.isEmpty()) {
            throw new IllegalArgumentException("no candidate of the search space can train on the schema's attack families: "
                    + leftOut(candidates, target));
        }
        return able;
    }

    /** The candidates left out for {@code target}, each as "family: reason". */
    static List<String> leftOut(List<Trainer> candidates, ClassTarget target) {
        List<String> left = new ArrayList<>();
        if (target.hasFamilies()) {
            for (Trainer trainer : candidates) {
                if (!trainer.supportsFamilies()) {
                    left.add(trainer.family() + trainer.parameters() + ": trains threat or benign only (its"
                            + " multi-class form has no model kind in netsec-core)");
                }
            }
        }
        return left;
    }

    /** The manifest's {@code training.classes}: null for threat or benign with rows of weight 1, as before. */
    static TrainingProvenance.ClassTraining provenance(ClassTarget target, ClassWeights weights,
                                                       List<Trainer> candidates) {
        if (!target.hasFamilies() && weights == ClassWeights.NONE) {
            return null;
        }
        return new TrainingProvenance.ClassTraining(target.classes(), target.withoutRows(), weights.describe(),
                leftOut(candidates, target));
    }

    /** Each row's class probabilities by {@code model}, a class model. */
    static double[][] classProbabilities(PortableModel model, double[][] rows) {
        ClassModel classes = (ClassModel) model;
        double[][] probabilities = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            probabilities[i] = classes.classProbabilities(rows[i]);
        }
        return probabilities;
    }

    /** The largest difference between two rows' probabilities, over every row and class. */
    static double maxAbsDifference(double[][] a, double[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                max = Math.max(max, Math.abs(a[i][k] - b[i][k]));
            }
        }
        return max;
    }
}
