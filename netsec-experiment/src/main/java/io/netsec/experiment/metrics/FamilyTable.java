package io.netsec.experiment.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-family figures as the lines of a text report ({@code netsec train}): one row per class with
 * precision, recall, F1, support and the recall's 95% interval, the macro and weighted averages,
 * the macro one-vs-rest ROC AUC, and the confusion matrix (rows the actual class, columns the
 * class called). Lines carry no indentation of their own and no line ends.
 */
public final class FamilyTable {

    private FamilyTable() {
    }

    /**
     * @param intervals the intervals of {@link FamilyMetricsCalculator#intervals}, or an empty map
     *                  (then the table has no interval column)
     */
    public static List<String> lines(FamilyMetrics metrics, Map<String, BootstrapIntervals.Interval> intervals) {
        int width = Math.max("weighted avg".length(),
                metrics.classes().stream().mapToInt(String::length).max().orElse(0)) + 2;
        List<String> lines = new ArrayList<>();
        lines.add((pad("class", width) + String.format(Locale.ROOT, "%9s %9s %9s %9s  %s",
                "precision", "recall", "f1", "support", intervals.isEmpty() ? "" : "recall 95% CI")).stripTrailing());
        for (ClassFigures figures : metrics.perClass()) {
            String ci = figures.support() == 0 ? "no row (recall 0 by convention)"
                    : interval(intervals.get(FamilyMetricsCalculator.recallName(figures.name())));
            lines.add(pad(figures.name(), width) + String.format(Locale.ROOT, "%9.4f %9.4f %9.4f %9d  %s",
                    figures.precision(), figures.recall(), figures.f1(), figures.support(), ci).stripTrailing());
        }
        long total = metrics.perClass().stream().mapToLong(ClassFigures::support).sum();
        lines.add(pad("macro avg", width) + String.format(Locale.ROOT, "%9.4f %9.4f %9.4f %9d  %s",
                metrics.macroPrecision(), metrics.macroRecall(), metrics.macroF1(), total,
                labelled("F1", intervals.get(FamilyMetricsCalculator.MACRO_F1))).stripTrailing());
        lines.add(pad("weighted avg", width) + String.format(Locale.ROOT, "%9.4f %9.4f %9.4f %9d  %s",
                metrics.weightedPrecision(), metrics.weightedRecall(), metrics.weightedF1(), total,
                labelled("F1", intervals.get(FamilyMetricsCalculator.WEIGHTED_F1))).stripTrailing());
        lines.add(String.format(Locale.ROOT, "macro ROC AUC (one-vs-rest) %.4f%s", metrics.macroRocAucOvr(),
                intervals.containsKey(FamilyMetricsCalculator.MACRO_ROC_AUC_OVR)
                        ? "  " + labelled("", intervals.get(FamilyMetricsCalculator.MACRO_ROC_AUC_OVR)).trim() : ""));
        lines.add("confusion matrix (rows: actual class, columns: class called)");
        lines.addAll(confusion(metrics, width));
        return lines;
    }

    /** The confusion matrix as aligned rows, a header row of class names first. */
    public static List<String> confusion(FamilyMetrics metrics, int firstColumn) {
        List<String> classes = metrics.classes();
        long[][] counts = metrics.confusion();
        int cell = classes.stream().mapToInt(String::length).max().orElse(1);
        for (long[] row : counts) {
            for (long count : row) {
                cell = Math.max(cell, Long.toString(count).length());
            }
        }
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(pad("", firstColumn));
        for (String name : classes) {
            header.append(String.format(Locale.ROOT, " %" + cell + "s", name));
        }
        lines.add(header.toString().stripTrailing());
        for (int actual = 0; actual < classes.size(); actual++) {
            StringBuilder line = new StringBuilder(pad(classes.get(actual), firstColumn));
            for (long count : counts[actual]) {
                line.append(String.format(Locale.ROOT, " %" + cell + "d", count));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String interval(BootstrapIntervals.Interval interval) {
        if (interval == null) {
            return "";
        }
        if (Double.isNaN(interval.low())) {
            return "undefined";
        }
        return String.format(Locale.ROOT, "%.4f-%.4f", interval.low(), interval.high());
    }

    private static String labelled(String what, BootstrapIntervals.Interval interval) {
        String text = interval(interval);
        return text.isEmpty() ? "" : "(" + (what.isEmpty() ? "" : what + " ") + "95% CI " + text + ")";
    }

    private static String pad(String text, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", text);
    }
}
