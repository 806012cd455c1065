package io.netsec.api.model;

import io.netsec.core.bundle.ModelMetrics;
import io.netsec.experiment.metrics.FamilyMetricsCalculator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the model card shows of a family model's held-out figures: a row per class, the macro and
 * weighted averages, and the confusion matrix as a table and as an SVG picture (presentation
 * attributes only: the pages' policy allows no inline style).
 *
 * @param rows        one row per class, then the macro and the weighted average
 * @param classes     the class names, in class order
 * @param confusion   the confusion matrix, a row per actual class
 * @param macroRocAuc the macro one-vs-rest ROC AUC (and its interval when known)
 * @param cell        the side of one cell of the picture, in SVG units
 * @param columnLabels the names of the classes called, above the picture's columns
 */
public record FamilyView(List<ClassRow> rows, List<String> classes, List<ConfusionRow> confusion, String macroRocAuc,
                         int cell, List<Label> columnLabels) {

    /** The picture's space for the class names left of and above the cells. */
    public static final int LABELS = 90;

    /**
     * @param name     the class, or {@code macro average} / {@code weighted average}
     * @param interval the recall's 95% interval (a class) or the F1's (an average), or empty
     */
    public record ClassRow(String name, String precision, String recall, String f1, long support, String interval) {
    }

    /** A row of the confusion matrix: the actual class (its label at {@code labelY}) and a cell per class called. */
    public record ConfusionRow(String actual, int labelY, List<Cell> cells) {
    }

    /** A class name placed in the picture. */
    public record Label(String name, int x, int y) {
    }

    /**
     * @param count   rows of the actual class called this class
     * @param shade   the count's share of the actual class's rows (0 to 1), the cell's colour strength
     * @param x       the cell's left edge in the picture
     * @param y       the cell's top edge in the picture
     */
    public record Cell(long count, String shade, int x, int y, int textX, int textY) {
        /** Dark cells get white text. */
        public String textColour() {
            return Double.parseDouble(shade) > 0.6 ? "#fff" : "#000";
        }
    }

    /** Where the actual classes' names end, left of the cells. */
    public int labelX() {
        return LABELS - 6;
    }

    /** The picture's width and height, in SVG units. */
    public int pictureSize() {
        return LABELS + cell * classes.size() + 50; // room for the last column's slanted name
    }

    /** The view of a manifest's per-family figures. */
    public static FamilyView of(ModelMetrics.FamilyFigures metrics) {
        Map<String, ModelMetrics.Interval> intervals = metrics.ci95() == null ? Map.of() : metrics.ci95();
        List<ClassRow> rows = new ArrayList<>();
        for (ModelMetrics.ClassFigure figures : metrics.perClass()) {
            String interval = figures.support() == 0 ? "no test row"
                    : interval(intervals.get(FamilyMetricsCalculator.recallName(figures.name())));
            rows.add(new ClassRow(figures.name(), format(figures.precision()), format(figures.recall()),
                    format(figures.f1()), figures.support(), interval));
        }
        long total = metrics.perClass().stream().mapToLong(ModelMetrics.ClassFigure::support).sum();
        rows.add(new ClassRow("macro average", format(metrics.macroPrecision()), format(metrics.macroRecall()),
                format(metrics.macroF1()), total, interval(intervals.get(FamilyMetricsCalculator.MACRO_F1))));
        rows.add(new ClassRow("weighted average", format(metrics.weightedPrecision()), format(metrics.weightedRecall()),
                format(metrics.weightedF1()), total, interval(intervals.get(FamilyMetricsCalculator.WEIGHTED_F1))));
        String auc = format(metrics.macroRocAucOvr());
        String aucInterval = interval(intervals.get(FamilyMetricsCalculator.MACRO_ROC_AUC_OVR));
        int k = metrics.classes().size();
        int cell = Math.max(30, Math.min(70, 420 / k));
        List<List<Long>> counts = metrics.confusion();
        List<ConfusionRow> confusion = new ArrayList<>();
        for (int actual = 0; actual < k; actual++) {
            long rowTotal = counts.get(actual).stream().mapToLong(Long::longValue).sum();
            List<Cell> cells = new ArrayList<>();
            for (int called = 0; called < k; called++) {
                long count = counts.get(actual).get(called);
                double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
                int x = LABELS + called * cell;
                int y = LABELS + actual * cell;
                cells.add(new Cell(count, String.format(Locale.ROOT, "%.3f", share), x, y,
                        x + cell / 2, y + cell / 2 + 5));
            }
            confusion.add(new ConfusionRow(metrics.classes().get(actual), LABELS + actual * cell + cell / 2 + 4, cells));
        }
        List<Label> columnLabels = new ArrayList<>();
        for (int called = 0; called < k; called++) {
            columnLabels.add(new Label(metrics.classes().get(called), LABELS + called * cell + cell / 2, LABELS - 6));
        }
        return new FamilyView(rows, metrics.classes(), confusion,
                aucInterval.isEmpty() ? auc : auc + " (95% interval " + aucInterval + ")", cell, columnLabels);
    }

    private static String interval(ModelMetrics.Interval interval) {
        if (interval == null) {
            return "";
        }
        return Double.isNaN(interval.low()) ? "undefined" : format(interval.low()) + " to " + format(interval.high());
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "undefined" : String.format(Locale.ROOT, "%.4f", value);
    }
}
