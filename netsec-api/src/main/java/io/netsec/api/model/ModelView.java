package io.netsec.api.model;

import io.netsec.core.bundle.BundleManifest;
import io.netsec.core.bundle.ModelMetrics;
import io.netsec.core.bundle.TrainingProvenance;
import io.netsec.core.schema.ColumnSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the pages show about the served model, read from its manifest once per page.
 *
 * @param family        the model family
 * @param createdAt     when the bundle was made
 * @param schemaName    the schema's name
 * @param description   the schema's description of the data
 * @param threshold     the decision threshold and its rule
 * @param dataSha256    SHA-256 of the training data
 * @param trainingRows  rows the model was trained and tested on
 * @param repeats       the repeats in that data (distinct feature vectors, those seen with both labels, test
 *                      rows with a copy in the training part), or empty when the manifest does not say
 * @param features      the feature column names
 * @param metrics       held-out test figures with their 95% intervals
 * @param confusion     the held-out confusion matrix, or null
 * @param rocPoints     the ROC curve as SVG polyline points in a 200 by 200 box, or empty
 * @param precisionRecallPoints the precision-recall curve, likewise, or empty
 * @param importances   the inputs that moved the test scores most, largest first
 * @param families      a model of attack families: its per-family test figures and confusion matrix; else null
 * @param threatName    what answers call the threat class (the schema's {@code label.threat_name}; a bundle
 *                      whose schema names none: its raw label value)
 * @param benignName    what answers call the benign class, likewise
 */
public record ModelView(String family, String createdAt, String schemaName, String description, String threshold,
                        String dataSha256, long trainingRows, String repeats, List<String> features, List<MetricRow> metrics,
                        Confusion confusion, String rocPoints, String precisionRecallPoints,
                        List<Importance> importances, FamilyView families, String threatName, String benignName) {

    /** How many inputs the importance chart shows. */
    static final int IMPORTANCES_SHOWN = 15;

    /**
     * An input's mean absolute contribution to the test scores.
     *
     * @param name  the model input
     * @param value its mean absolute contribution
     * @param share its bar's length, in percent of the largest
     */
    public record Importance(String name, String value, double share) {
    }

    public boolean hasCurves() {
        return !rocPoints.isEmpty();
    }

    /**
     * One figure on the held-out test part.
     *
     * @param name  the metric
     * @param value its value
     * @param low   the 95% interval's lower end, or empty
     * @param high  the upper end, or empty
     * @param share the value as a percentage of the bar's width (0 to 100), for the picture
     * @param lowShare  the interval's lower end as a percentage
     * @param highShare the interval's upper end as a percentage
     */
    public record MetricRow(String name, String value, String low, String high, double share, double lowShare,
                            double highShare) {
        public boolean hasInterval() {
            return !low.isEmpty();
        }

        /** Width of the interval's band, in percent of the bar. */
        public double bandWidth() {
            return Math.max(0.5, highShare - lowShare);
        }
    }

    /** The held-out confusion matrix. */
    public record Confusion(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {
    }

    /** The view of {@code model}; what its manifest does not hold (a bundle made by hand) is left out. */
    public static ModelView of(ServedModel model) {
        BundleManifest manifest = model.detector().bundle().manifest();
        var schema = model.detector().schema();
        ModelMetrics metrics = manifest.metrics();
        List<MetricRow> rows = new ArrayList<>();
        Confusion confusion = null;
        String roc = "";
        String precisionRecall = "";
        List<Importance> importances = List.of();
        FamilyView families = null;
        if (metrics != null) {
            for (ModelMetrics.Figure figure : metrics.figures()) {
                if (Double.isFinite(figure.value())) {
                    rows.add(row(figure));
                }
            }
            ModelMetrics.Confusion cm = metrics.test() == null ? null : metrics.test().confusionMatrix();
            confusion = cm == null ? null
                    : new Confusion(cm.truePositives(), cm.falsePositives(), cm.trueNegatives(), cm.falseNegatives());
            if (metrics.testCurves() != null) {
                roc = svgPoints(metrics.testCurves().roc());
                precisionRecall = svgPoints(metrics.testCurves().precisionRecall());
            }
            importances = importances(metrics.featureImportance());
            families = metrics.families() == null ? null : FamilyView.of(metrics.families());
        }
        TrainingProvenance.DataProvenance data = manifest.training() == null ? null : manifest.training().data();
        String threshold = format(manifest.threshold().value()) + " (" + manifest.threshold().rule() + ")";
        return new ModelView(manifest.model().family(), manifest.createdAt(), manifest.schemaName(),
                schema.description() == null ? "" : schema.description(), threshold,
                data == null || data.sha256() == null ? "" : data.sha256(), data == null ? 0 : data.rows(), repeats(data),
                schema.features().stream().map(ColumnSpec::name).toList(), rows, confusion, roc, precisionRecall,
                importances, families, schema.label().threatName(), schema.label().benignName());
    }

    /** What format version 2 counts of the data's repeats; empty before. */
    private static String repeats(TrainingProvenance.DataProvenance data) {
        if (data == null || data.distinctFeatureVectors() == null || data.conflictingVectors() == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%,d distinct feature vectors, %,d of them seen with both labels; %,d of the %,d"
                        + " test rows have an exact copy in the training part", data.distinctFeatureVectors(),
                data.conflictingVectors(), data.testRowsWithCopyInTrain(), data.testRows());
    }

    private static MetricRow row(ModelMetrics.Figure figure) {
        double value = figure.value();
        ModelMetrics.Interval ci = figure.ci95();
        boolean unitScale = value >= 0 && value <= 1 && (ci == null || ci.high() <= 1);
        return new MetricRow(figure.name(), format(value), ci == null ? "" : format(ci.low()),
                ci == null ? "" : format(ci.high()), unitScale ? 100 * value : 0,
                unitScale && ci != null ? 100 * ci.low() : 0, unitScale && ci != null ? 100 * ci.high() : 0);
    }

    /** Curve points in [0, 1] as "x,y ..." in a 200 by 200 box with y pointing up; numbers only, so nothing to escape. */
    private static String svgPoints(List<ModelMetrics.Point> curve) {
        StringBuilder points = new StringBuilder();
        for (ModelMetrics.Point point : curve == null ? List.<ModelMetrics.Point>of() : curve) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", 200 * clamp(point.x()), 200 - 200 * clamp(point.y())));
        }
        return points.toString().trim();
    }

    private static double clamp(double value) {
        return Double.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
    }

    /** The inputs that moved the test scores most, largest first. */
    private static List<Importance> importances(Map<String, Double> byInput) {
        if (byInput == null) {
            return List.of();
        }
        List<Map.Entry<String, Double>> largestFirst = byInput.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(IMPORTANCES_SHOWN).toList();
        double largest = largestFirst.isEmpty() ? 0 : largestFirst.get(0).getValue();
        List<Importance> importances = new ArrayList<>();
        for (Map.Entry<String, Double> input : largestFirst) {
            double value = input.getValue();
            importances.add(new Importance(input.getKey(), format(value), largest > 0 ? 100 * value / largest : 0));
        }
        return importances;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
