package io.netsec.experiment.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names per-family figures have in run records, MLflow and cross-validation reports: each
 * class's {@code precision_<class>}, {@code recall_<class>}, {@code f1_<class>},
 * {@code support_<class>} and {@code roc_auc_ovr_<class>}, then the macro and weighted averages
 * and {@code macro_roc_auc_ovr}. The binary names ({@link MetricNames}) stay as they are.
 */
public final class FamilyMetricNames {

    private FamilyMetricNames() {
    }

    /**
     * A class name as part of a metric name: characters other than letters, digits, '_', '-' and
     * '.' become '_' (MLflow refuses most others; label values such as "DoS Hulk" have spaces).
     */
    public static String key(String className) {
        return className.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** The figures by name, classes in class order, then the averages. Undefined figures are NaN. */
    public static Map<String, Double> asMap(FamilyMetrics metrics) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (ClassFigures figures : metrics.perClass()) {
            String key = key(figures.name());
            values.put("precision_" + key, figures.precision());
            values.put("recall_" + key, figures.recall());
            values.put("f1_" + key, figures.f1());
            values.put("support_" + key, (double) figures.support());
            values.put("roc_auc_ovr_" + key, figures.rocAucOvr());
        }
        values.put("macro_precision", metrics.macroPrecision());
        values.put("macro_recall", metrics.macroRecall());
        values.put("macro_f1", metrics.macroF1());
        values.put("weighted_precision", metrics.weightedPrecision());
        values.put("weighted_recall", metrics.weightedRecall());
        values.put("weighted_f1", metrics.weightedF1());
        values.put("macro_roc_auc_ovr", metrics.macroRocAucOvr());
        return values;
    }
}
