package io.netsec.experiment.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.experiment.metrics.FamilyMetricsCalculator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunDescriptionFamiliesTest {

    @Test
    void namesEachFamilysFiguresIntervalsAndConfusionCellsForMlflow() {
        List<String> classes = List.of("normal", "dos", "u2r");
        int[] actual = {0, 0, 1, 1, 1};
        double[][] p = {{0.9, 0.1, 0.0}, {0.2, 0.8, 0.0}, {0.1, 0.9, 0.0}, {0.3, 0.6, 0.1}, {0.8, 0.2, 0.0}};
        FamilyMetricsCalculator calculator = new FamilyMetricsCalculator(classes, actual, p);

        Map<String, Double> metrics = RunDescription.familyMetrics(calculator.compute(0.5), calculator.intervals(0.5, 100, 3));

        assertEquals(2.0 / 3, metrics.get("test_recall_dos"), 1e-12);
        assertEquals(3.0, metrics.get("test_support_dos"));
        assertEquals(1.0, metrics.get("test_confusion_normal_dos"));
        assertEquals(2.0, metrics.get("test_confusion_dos_dos"));
        assertEquals(1.0, metrics.get("test_confusion_dos_normal"));
        assertTrue(metrics.containsKey("test_macro_f1") && metrics.containsKey("test_weighted_f1"));
        assertTrue(metrics.containsKey("test_macro_f1_ci95_low") && metrics.containsKey("test_recall_dos_ci95_high"));
        assertFalse(metrics.containsKey("test_roc_auc_ovr_u2r"), "no u2r row: no AUC, and MLflow takes no NaN");
        assertFalse(metrics.containsKey("test_recall_u2r_ci95_low"), "an undefined interval is left out");
        assertTrue(metrics.values().stream().allMatch(Double::isFinite));
    }
}
