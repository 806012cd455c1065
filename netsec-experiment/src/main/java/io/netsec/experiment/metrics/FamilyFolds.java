package io.netsec.experiment.metrics;

import java.util.List;

/**
 * Per-family figures of cross-validation, pooled over the folds: the folds' confusion matrices
 * summed (each fold's calls counted once), and the figures computed from the sum, as scikit-learn's
 * {@code classification_report} on {@code cross_val_predict}'s predictions. Pooling gives a family
 * of a handful of rows (U2R: 4 in the NSL-KDD head file, so at most one per fold of ten) one
 * recall over all its rows, where a mean over folds would average 0/0 folds away or count them 0.
 */
public final class FamilyFolds {

    private FamilyFolds() {
    }

    /**
     * @param classes every class, in the order of the report; each fold's classes are matched by name
     *                (a fold's model may lack a class its training part had no row of)
     * @param folds   each fold's figures on its test rows
     * @return the pooled figures; a class's one-vs-rest AUC is the mean of the folds' defined AUCs
     *         (an AUC needs the scores, which folds with their own models do not share)
     */
    public static FamilyMetrics pooled(List<String> classes, List<FamilyMetrics> folds) {
        int k = classes.size();
        long[][] confusion = new long[k][k];
        double[] aucSum = new double[k];
        int[] aucCount = new int[k];
        for (FamilyMetrics fold : folds) {
            int[] index = fold.classes().stream().mapToInt(name -> {
                int i = classes.indexOf(name);
                if (i < 0) {
                    throw new IllegalArgumentException("a fold has class " + name + ", which is not among " + classes);
                }
                return i;
            }).toArray();
            long[][] counts = fold.confusion();
            for (int actual = 0; actual < index.length; actual++) {
                for (int called = 0; called < index.length; called++) {
                    confusion[index[actual]][index[called]] += counts[actual][called];
                }
                double auc = fold.perClass().get(actual).rocAucOvr();
                if (!Double.isNaN(auc)) {
                    aucSum[index[actual]] += auc;
                    aucCount[index[actual]]++;
                }
            }
        }
        double[] auc = new double[k];
        for (int c = 0; c < k; c++) {
            auc[c] = aucCount[c] == 0 ? Double.NaN : aucSum[c] / aucCount[c];
        }
        return FamilyMetricsCalculator.fromConfusion(classes, confusion, auc);
    }
}
