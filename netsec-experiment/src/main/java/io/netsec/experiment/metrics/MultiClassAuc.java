package io.netsec.experiment.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The multi-class selection criterion: the ROC AUC of each class against the rest, from that
 * class's probability column, averaged with equal weight over the classes that have rows of both
 * kinds (macro one-vs-rest, as scikit-learn's {@code roc_auc_score(multi_class="ovr",
 * average="macro")}). A class with no row in the evaluated set, or with every row, has no AUC and
 * is left out of the mean; {@link #undefinedClasses} names them so that reports can say so.
 */
public final class MultiClassAuc {

    private MultiClassAuc() {
    }

    /**
     * Each class's one-vs-rest ROC AUC, NaN where it is undefined.
     *
     * @param actual        each row's class index, 0 to {@code classes - 1}
     * @param probabilities each row's class probabilities, {@code classes} of them
     */
    public static double[] perClass(int[] actual, double[][] probabilities, int classes) {
        if (actual.length != probabilities.length || actual.length == 0) {
            throw new IllegalArgumentException("need as many probability rows as classes, and at least one");
        }
        double[] auc = new double[classes];
        int[] isClass = new int[actual.length];
        double[] column = new double[actual.length];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < actual.length; i++) {
                if (probabilities[i].length != classes || actual[i] < 0 || actual[i] >= classes) {
                    throw new IllegalArgumentException("row " + i + " does not have " + classes + " classes");
                }
                isClass[i] = actual[i] == k ? 1 : 0;
                column[i] = probabilities[i][k];
            }
            auc[k] = new MetricsCalculator(isClass, column).compute(0.5).rocAuc();
        }
        return auc;
    }

    /** The mean of the defined per-class AUCs; NaN when no class has one. */
    public static double macro(int[] actual, double[][] probabilities, int classes) {
        double sum = 0;
        int defined = 0;
        for (double auc : perClass(actual, probabilities, classes)) {
            if (!Double.isNaN(auc)) {
                sum += auc;
                defined++;
            }
        }
        return defined == 0 ? Double.NaN : sum / defined;
    }

    /** The indices of the classes whose AUC is undefined on these rows. */
    public static List<Integer> undefinedClasses(int[] actual, double[][] probabilities, int classes) {
        double[] auc = perClass(actual, probabilities, classes);
        List<Integer> undefined = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            if (Double.isNaN(auc[k])) {
                undefined.add(k);
            }
        }
        return List.copyOf(undefined);
    }
}
