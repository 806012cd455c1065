package io.netsec.experiment.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * The per-class figures of a multi-class (family) detector, as scikit-learn's
 * {@code classification_report(y_true, y_pred, zero_division=0)} defines them: macro averages are
 * the plain means over the classes that have a row or a prediction (a class with neither is left
 * out, as scikit-learn leaves out a label that is in neither array), weighted averages weigh each
 * class by its support. The binary threat figures stay in {@link BinaryMetrics}.
 *
 * @param classes        the class names, class 0 benign
 * @param perClass       one entry per class, in class order
 * @param macroRocAucOvr the mean of the defined one-vs-rest AUCs ({@link MultiClassAuc#macro})
 * @param confusion      counts {@code [actual][predicted]}, classes by classes
 */
public record FamilyMetrics(List<String> classes, List<ClassFigures> perClass,
        double macroPrecision, double macroRecall, double macroF1,
        double weightedPrecision, double weightedRecall, double weightedF1,
        double macroRocAucOvr, long[][] confusion) {

    public FamilyMetrics {
        classes = List.copyOf(classes);
        perClass = List.copyOf(perClass);
        if (perClass.size() != classes.size() || confusion.length != classes.size()) {
            throw new IllegalArgumentException("need one figure and one confusion row per class");
        }
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            if (confusion[i].length != classes.size()) {
                throw new IllegalArgumentException("confusion row " + i + " does not have " + classes.size() + " columns");
            }
            copy[i] = confusion[i].clone();
        }
        confusion = copy;
    }

    /** A copy, so that the record stays immutable. */
    @Override
    public long[][] confusion() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** Rows of class {@code actual} called {@code predicted}. */
    public long count(int actual, int predicted) {
        return confusion[actual][predicted];
    }

    /** The figures of the class with this name. */
    public ClassFigures figures(String name) {
        int index = classes.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no class named " + name + " among " + classes);
        }
        return perClass.get(index);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FamilyMetrics that
                && classes.equals(that.classes) && perClass.equals(that.perClass)
                && Double.compare(macroPrecision, that.macroPrecision) == 0
                && Double.compare(macroRecall, that.macroRecall) == 0
                && Double.compare(macroF1, that.macroF1) == 0
                && Double.compare(weightedPrecision, that.weightedPrecision) == 0
                && Double.compare(weightedRecall, that.weightedRecall) == 0
                && Double.compare(weightedF1, that.weightedF1) == 0
                && Double.compare(macroRocAucOvr, that.macroRocAucOvr) == 0
                && Arrays.deepEquals(confusion, that.confusion);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(classes, perClass, macroF1, weightedF1, macroRocAucOvr)
                + Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return "FamilyMetrics[classes=" + classes + ", perClass=" + perClass + ", macroF1=" + macroF1
                + ", weightedF1=" + weightedF1 + ", macroRocAucOvr=" + macroRocAucOvr
                + ", confusion=" + Arrays.deepToString(confusion) + "]";
    }
}
