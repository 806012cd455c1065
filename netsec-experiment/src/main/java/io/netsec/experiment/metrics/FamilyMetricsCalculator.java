package io.netsec.experiment.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes {@link FamilyMetrics} of scored rows, and bootstrap intervals of the headline ones, with
 * the same resampling and seeds as {@link BootstrapIntervals}. Counting by hand because the figures
 * need row multiplicities (one bootstrap resample is the same rows counted again), which no JVM
 * statistics library offers for multi-class confusion counts.
 */
public final class FamilyMetricsCalculator {

    /** Interval name of the macro-averaged F1. */
    public static final String MACRO_F1 = "macro_f1";
    /** Interval name of the support-weighted F1. */
    public static final String WEIGHTED_F1 = "weighted_f1";
    /** Interval name of the macro one-vs-rest ROC AUC. */
    public static final String MACRO_ROC_AUC_OVR = "macro_roc_auc_ovr";

    private final List<String> classes;
    private final int[] actual;
    private final double[][] probabilities;
    /** One binary calculator per class (this class against the rest), for the weighted AUCs of resamples. */
    private final MetricsCalculator[] oneVsRest;

    /**
     * @param classes       the class names, class 0 benign, at least two
     * @param actual        each row's class index
     * @param probabilities each row's class probabilities, one per class
     */
    public FamilyMetricsCalculator(List<String> classes, int[] actual, double[][] probabilities) {
        if (classes.size() < 2) {
            throw new IllegalArgumentException("need at least two classes, got " + classes);
        }
        if (actual.length != probabilities.length || actual.length == 0) {
            throw new IllegalArgumentException("need as many probability rows as actual classes, and at least one");
        }
        int k = classes.size();
        for (int i = 0; i < actual.length; i++) {
            if (probabilities[i].length != k || actual[i] < 0 || actual[i] >= k) {
                throw new IllegalArgumentException("row " + i + " does not have " + k + " classes");
            }
        }
        this.classes = List.copyOf(classes);
        this.actual = actual.clone();
        this.probabilities = new double[actual.length][];
        for (int i = 0; i < actual.length; i++) {
            this.probabilities[i] = probabilities[i].clone();
        }
        this.oneVsRest = new MetricsCalculator[k];
        for (int c = 0; c < k; c++) {
            int[] isClass = new int[actual.length];
            double[] column = new double[actual.length];
            for (int i = 0; i < actual.length; i++) {
                isClass[i] = actual[i] == c ? 1 : 0;
                column[i] = probabilities[i][c];
            }
            oneVsRest[c] = new MetricsCalculator(isClass, column);
        }
    }

    /**
     * The rule: a threat when the threat probability {@code 1 - p[0]} reaches the
     * threshold, and then the most probable threat class (the lowest index on ties); else class 0.
     */
    public static int predictedClass(double[] probabilities, double threshold) {
        if (1 - probabilities[0] < threshold) {
            return 0;
        }
        int best = 1;
        for (int c = 2; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
        }
        return best;
    }

    /** The figures of all rows, each counted once. */
    public FamilyMetrics compute(double threshold) {
        int[] weights = new int[actual.length];
        Arrays.fill(weights, 1);
        return compute(predictions(threshold), weights, MultiClassAuc.perClass(actual, probabilities, classes.size()));
    }

    /**
     * 95% intervals of the macro F1 ({@link #MACRO_F1}), the weighted F1 ({@link #WEIGHTED_F1}),
     * the macro one-vs-rest AUC ({@link #MACRO_ROC_AUC_OVR}) and each class's recall
     * ({@link #recallName}), over {@code resamples} resamples drawn as {@link BootstrapIntervals}
     * draws them for the same seed. A class absent from a resample has no recall there (it is
     * left out of that class's percentiles, not counted as 0); a class absent from every
     * resample gets a NaN interval.
     */
    public Map<String, BootstrapIntervals.Interval> intervals(double threshold, int resamples, long seed) {
        int[] predicted = predictions(threshold);
        return BootstrapIntervals.compute(actual.length, resamples, seed, weights -> {
            FamilyMetrics figures = compute(predicted, weights, weightedAucs(weights));
            Map<String, Double> values = new LinkedHashMap<>();
            values.put(MACRO_F1, figures.macroF1());
            values.put(WEIGHTED_F1, figures.weightedF1());
            values.put(MACRO_ROC_AUC_OVR, figures.macroRocAucOvr());
            for (ClassFigures one : figures.perClass()) {
                values.put(recallName(one.name()), one.support() == 0 ? Double.NaN : one.recall());
            }
            return values;
        });
    }

    /** The interval name of a class's recall, {@code recall_<class>} (the class as {@link FamilyMetricNames#key}). */
    public static String recallName(String className) {
        return "recall_" + FamilyMetricNames.key(className);
    }

    private int[] predictions(double threshold) {
        int[] predicted = new int[actual.length];
        for (int i = 0; i < actual.length; i++) {
            predicted[i] = predictedClass(probabilities[i], threshold);
        }
        return predicted;
    }

    private double[] weightedAucs(int[] weights) {
        double[] auc = new double[classes.size()];
        for (int c = 0; c < auc.length; c++) {
            auc[c] = oneVsRest[c].rocAuc(weights); // the AUC alone: a full compute would take a log per row
        }
        return auc;
    }

    /**
     * scikit-learn's {@code precision_recall_fscore_support} with {@code zero_division=0}: a ratio
     * with a zero denominator is 0; the macro means run over the classes that have a row or a
     * prediction, as scikit-learn's default labels (those in either array) do.
     */
    private FamilyMetrics compute(int[] predicted, int[] weights, double[] auc) {
        int k = classes.size();
        long[][] confusion = new long[k][k];
        for (int i = 0; i < actual.length; i++) {
            confusion[actual[i]][predicted[i]] += weights[i];
        }
        return fromConfusion(classes, confusion, auc);
    }

    /**
     * The figures of a confusion matrix ({@code [actual][predicted]}) and each class's one-vs-rest
     * AUC (NaN where undefined), as {@link #compute} gives them; for pooling cross-validation folds.
     */
    public static FamilyMetrics fromConfusion(List<String> classes, long[][] confusion, double[] auc) {
        int k = classes.size();
        List<ClassFigures> perClass = new ArrayList<>(k);
        double macroP = 0, macroR = 0, macroF = 0, weightedP = 0, weightedR = 0, weightedF = 0;
        long total = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            long truePositives = confusion[c][c];
            long support = 0, calledThis = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                calledThis += confusion[j][c];
            }
            double precision = calledThis == 0 ? 0 : (double) truePositives / calledThis;
            double recall = support == 0 ? 0 : (double) truePositives / support;
            double f1 = support + calledThis == 0 ? 0 : 2.0 * truePositives / (support + calledThis);
            perClass.add(new ClassFigures(classes.get(c), precision, recall, f1, support, auc[c]));
            if (support + calledThis > 0) {
                present++;
                macroP += precision;
                macroR += recall;
                macroF += f1;
            }
            total += support;
            weightedP += support * precision;
            weightedR += support * recall;
            weightedF += support * f1;
        }
        double macroAuc = Arrays.stream(auc).filter(a -> !Double.isNaN(a)).average().orElse(Double.NaN);
        return new FamilyMetrics(classes, perClass,
                macroP / present, macroR / present, macroF / present,
                weightedP / total, weightedR / total, weightedF / total, macroAuc, confusion);
    }
}
