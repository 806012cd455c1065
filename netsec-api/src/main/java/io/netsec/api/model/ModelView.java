package io.netsec.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.core.bundle.BundleManifest;
import io.netsec.core.schema.ColumnSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * @param features      the feature column names
 * @param metrics       held-out test figures with their 95% intervals
 * @param confusion     the held-out confusion matrix, or null
 * @param rocPoints     the ROC curve as SVG polyline points in a 200 by 200 box, or empty
 * @param precisionRecallPoints the precision-recall curve, likewise, or empty
 * @param importances   the inputs that moved the test scores most, largest first
 */
public record ModelView(String family, String createdAt, String schemaName, String description, String threshold,
                        String dataSha256, long trainingRows, List<String> features, List<MetricRow> metrics,
                        Confusion confusion, String rocPoints, String precisionRecallPoints,
                        List<Importance> importances) {

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

    /** The view of {@code model}. */
    public static ModelView of(ServedModel model) {
        BundleManifest manifest = model.detector().bundle().manifest();
        var schema = model.detector().schema();
        JsonNode metrics = manifest.metrics();
        JsonNode test = metrics.path("test");
        JsonNode intervals = metrics.path("test_ci95");
        List<MetricRow> rows = new ArrayList<>();
        for (var it = test.fields(); it.hasNext(); ) {
            var field = it.next();
            if (!field.getValue().isNumber()) {
                continue;
            }
            double value = field.getValue().asDouble();
            JsonNode ci = intervals.path(field.getKey());
            boolean hasCi = ci.isArray() && ci.size() == 2;
            boolean unitScale = value >= 0 && value <= 1 && (!hasCi || ci.get(1).asDouble() <= 1);
            rows.add(new MetricRow(field.getKey(), format(value), hasCi ? format(ci.get(0).asDouble()) : "",
                    hasCi ? format(ci.get(1).asDouble()) : "", unitScale ? 100 * value : 0,
                    unitScale && hasCi ? 100 * ci.get(0).asDouble() : 0, unitScale && hasCi ? 100 * ci.get(1).asDouble() : 0));
        }
        JsonNode cm = test.path("confusion_matrix");
        Confusion confusion = cm.isObject() ? new Confusion(cm.path("true_positives").asLong(), cm.path("false_positives").asLong(),
                cm.path("true_negatives").asLong(), cm.path("false_negatives").asLong()) : null;
        JsonNode data = manifest.training().path("data");
        String threshold = format(manifest.threshold().value()) + " (" + manifest.threshold().rule() + ")";
        return new ModelView(manifest.model().family(), manifest.createdAt(), manifest.schemaName(),
                schema.description() == null ? "" : schema.description(), threshold, data.path("sha256").asText(""),
                data.path("rows").asLong(), schema.features().stream().map(ColumnSpec::name).toList(), rows, confusion,
                svgPoints(metrics.path("test_curves").path("roc")),
                svgPoints(metrics.path("test_curves").path("precision_recall")), importances(metrics.path("feature_importance")));
    }

    /** Curve points in [0, 1] as "x,y ..." in a 200 by 200 box with y pointing up; numbers only, so nothing to escape. */
    private static String svgPoints(JsonNode curve) {
        StringBuilder points = new StringBuilder();
        for (JsonNode point : curve) {
            if (point.size() == 2) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", 200 * clamp(point.get(0).asDouble()),
                        200 - 200 * clamp(point.get(1).asDouble())));
            }
        }
        return points.toString().trim();
    }

    private static double clamp(double value) {
        return Double.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
    }

    private static List<Importance> importances(JsonNode byInput) {
        List<Importance> importances = new ArrayList<>();
        double largest = 0;
        for (JsonNode value : byInput) {
            largest = Math.max(largest, value.asDouble());
        }
        for (var it = byInput.fields(); it.hasNext() && importances.size() < IMPORTANCES_SHOWN; ) {
            var field = it.next();
            double value = field.getValue().asDouble();
            importances.add(new Importance(field.getKey(), format(value), largest > 0 ? 100 * value / largest : 0));
        }
        return importances;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
