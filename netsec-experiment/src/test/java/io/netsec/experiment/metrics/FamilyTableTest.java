package io.netsec.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FamilyTableTest {

    private static final List<String> CLASSES = List.of("normal", "dos", "probe", "u2r");
    private static final int[] ACTUAL = {0, 0, 0, 1, 1, 1, 2, 2, 1};
    private static final double[][] PROBABILITIES = {
            {0.9, 0.05, 0.03, 0.02}, {0.6, 0.1, 0.3, 0.0}, {0.3, 0.2, 0.5, 0.0},
            {0.1, 0.8, 0.1, 0.0}, {0.2, 0.5, 0.3, 0.0}, {0.7, 0.2, 0.1, 0.0},
            {0.2, 0.4, 0.4, 0.0}, {0.5, 0.1, 0.3, 0.1}, {0.4, 0.1, 0.1, 0.4},
    };
    private static final FamilyMetricsCalculator CALCULATOR = new FamilyMetricsCalculator(CLASSES, ACTUAL, PROBABILITIES);

    @Test
    void printsOneRowPerClassTheAveragesAndTheConfusionMatrix() {
        // The figures of FamilyMetricsCalculatorTest (the same rows).
        List<String> lines = FamilyTable.lines(CALCULATOR.compute(0.5), Map.of());
        assertEquals(List.of(
                "class         precision    recall        f1   support",
                "normal           0.6667    0.6667    0.6667         3",
                "dos              0.6667    0.5000    0.5714         4",
                "probe            0.5000    0.5000    0.5000         2",
                "u2r              0.0000    0.0000    0.0000         0  no row (recall 0 by convention)",
                "macro avg        0.4583    0.4167    0.4345         9",
                "weighted avg     0.6296    0.5556    0.5873         9",
                "macro ROC AUC (one-vs-rest) 0.7795",
                "confusion matrix (rows: actual class, columns: class called)",
                "               normal    dos  probe    u2r",
                "normal              2      0      1      0",
                "dos                 1      2      0      1",
                "probe               0      1      1      0",
                "u2r                 0      0      0      0"), lines);
    }

    @Test
    void showsTheIntervalsOfEachRecallAndOfTheAverages() {
        List<String> lines = FamilyTable.lines(CALCULATOR.compute(0.5), CALCULATOR.intervals(0.5, 200, 1));
        assertEquals("class         precision    recall        f1   support  recall 95% CI", lines.get(0));
        assertTrue(lines.get(2).matches("dos .* 4  \\d\\.\\d{4}-\\d\\.\\d{4}"), lines.get(2));
        assertTrue(lines.get(5).matches("macro avg .*\\(F1 95% CI \\d\\.\\d{4}-\\d\\.\\d{4}\\)"), lines.get(5));
        assertTrue(lines.get(7).matches("macro ROC AUC \\(one-vs-rest\\) 0\\.7795  \\(95% CI \\d\\.\\d{4}-\\d\\.\\d{4}\\)"),
                lines.get(7));
    }

    @Test
    void namesEveryFigureForRunRecords() {
        Map<String, Double> values = FamilyMetricNames.asMap(CALCULATOR.compute(0.5));
        assertEquals(0.5, values.get("recall_dos"), 1e-12);
        assertEquals(4.0, values.get("support_dos"));
        assertEquals(73.0 / 168, values.get("macro_f1"), 1e-12);
        assertEquals(37.0 / 63, values.get("weighted_f1"), 1e-12);
        assertTrue(Double.isNaN(values.get("roc_auc_ovr_u2r")));
        assertEquals(4 * 5 + 7, values.size());
        assertEquals("DoS_Hulk", FamilyMetricNames.key("DoS Hulk"));
        assertEquals("recall_Web_Attack_XSS", FamilyMetricsCalculator.recallName("Web Attack/XSS"));
    }
}
