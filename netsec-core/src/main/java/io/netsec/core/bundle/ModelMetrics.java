package io.netsec.core.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The manifest's {@code metrics}: how the model did on the held-out test part (scored once),
 * with 95% bootstrap intervals, and in cross-validation on the training part. A part a
 * manifest does not hold is null (a bundle made by hand, or by an older netsec).
 *
 * @param test              the test figures at the chosen threshold
 * @param testCi95          the 95% bootstrap interval of each test figure, by its name ({@link #figures()} pairs them)
 * @param crossValidation   the selected candidate's cross-validation figures on the training part
 * @param testCurves        the ROC and precision-recall curves of the test part, at most about 200 points each
 * @param featureImportance each model input's mean absolute contribution to the test scores, largest first
 * @param families          a model of attack families: the per-family figures of the test part (format version 4;
 *                          null for a model of threat or benign)
 */
public record ModelMetrics(TestMetrics test, Map<String, Interval> testCi95, CrossValidation crossValidation,
                           TestCurves testCurves, Map<String, Double> featureImportance, FamilyFigures families) {

    public ModelMetrics {
        testCi95 = BundleManifest.inOrder(testCi95);
        featureImportance = BundleManifest.inOrder(featureImportance);
    }

    /** Metrics of a model of threat or benign. */
    public ModelMetrics(TestMetrics test, Map<String, Interval> testCi95, CrossValidation crossValidation,
                        TestCurves testCurves, Map<String, Double> featureImportance) {
        this(test, testCi95, crossValidation, testCurves, featureImportance, null);
    }

    /**
     * The test part's figures per attack family at the threshold (a record's predicted family: benign
     * below the threshold, else its most probable threat family), as netsec-experiment's
     * {@code FamilyMetrics} computes them.
     *
     * @param classes   the classes, the benign class first
     * @param perClass  each class's figures, in that order
     * @param macroPrecision  unweighted means over the classes
     * @param macroRecall     "
     * @param macroF1         "
     * @param weightedPrecision means weighted by each class's support
     * @param weightedRecall  "
     * @param weightedF1      "
     * @param macroRocAucOvr  the mean one-vs-rest ROC AUC of the classes that have one
     * @param confusion  the confusion matrix, {@code confusion.get(actual).get(predicted)}
     * @param ci95       95% bootstrap intervals of the figures, by name ({@code macro_f1}, {@code recall_<class>}, ...)
     */
    public record FamilyFigures(List<String> classes, List<ClassFigure> perClass, double macroPrecision,
                                double macroRecall, double macroF1, double weightedPrecision, double weightedRecall,
                                double weightedF1, double macroRocAucOvr, List<List<Long>> confusion,
                                Map<String, Interval> ci95) {
        public FamilyFigures {
            classes = List.copyOf(classes);
            perClass = List.copyOf(perClass);
            confusion = confusion.stream().map(List::copyOf).toList();
            ci95 = BundleManifest.inOrder(ci95);
        }
    }

    /** One class's figures on the test part ({@code rocAucOvr} NaN when the test part has no row of it). */
    public record ClassFigure(String name, double precision, double recall, double f1, long support, double rocAucOvr) {
    }

    /**
     * Figures on the test part; a figure a manifest does not hold reads as NaN, as does one with
     * no value (ROC AUC of a test part with one class).
     */
    public record TestMetrics(double accuracy, double precision, double recall, double f1, double rocAuc, double prAuc,
                              double logLoss, double falsePositiveRate, Confusion confusionMatrix) {
    }

    /** The test part's confusion matrix at the threshold. */
    public record Confusion(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {
    }

    /** A 95% interval, written {@code [low, high]}. */
    public record Interval(double low, double high) {
    }

    /** Means over the cross-validation folds, and the standard error of the ROC AUC's. */
    public record CrossValidation(double rocAucMean, double rocAucStandardError, double accuracyMean,
                                  double logLossMean) {
    }

    /** Curves as points {@code [x, y]}: ROC (false-positive rate, recall), precision-recall (recall, precision). */
    public record TestCurves(List<Point> roc, List<Point> precisionRecall) {
        public TestCurves {
            roc = roc == null ? null : List.copyOf(roc);
            precisionRecall = precisionRecall == null ? null : List.copyOf(precisionRecall);
        }
    }

    /** A point of a curve. */
    public record Point(double x, double y) {
    }

    /**
     * One test figure with its interval.
     *
     * @param name  its name in the manifest ({@code accuracy}, {@code roc_auc}, ...)
     * @param value its value
     * @param ci95  its 95% interval, or null when the manifest holds none
     */
    public record Figure(String name, double value, Interval ci95) {
    }

    /** The test figures in the manifest's order, each with its interval; none without test figures. */
    public List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        if (test != null) {
            for (var field : ManifestFormat.TEST_FIGURES) {
                figures.add(new Figure(field.name(), field.of(test), testCi95 == null ? null : testCi95.get(field.name())));
            }
        }
        return figures;
    }
}
