package io.netsec.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FamilyFoldsTest {

    @Test
    void poolsTheFoldsConfusionMatricesMatchingClassesByName() {
        List<String> classes = List.of("normal", "dos", "u2r");
        // Fold 1: its model knows all three classes; one u2r row, called u2r.
        FamilyMetrics first = FamilyMetricsCalculator.fromConfusion(classes,
                new long[][] {{5, 1, 0}, {0, 3, 0}, {0, 0, 1}}, new double[] {0.9, 0.8, 1.0});
        // Fold 2: its training part had no u2r row, so its model has two classes; no u2r test row either.
        FamilyMetrics second = FamilyMetricsCalculator.fromConfusion(List.of("normal", "dos"),
                new long[][] {{4, 0}, {2, 2}}, new double[] {0.7, 0.6});
        FamilyMetrics pooled = FamilyFolds.pooled(classes, List.of(first, second));

        assertArrayEquals(new long[][] {{9, 1, 0}, {2, 5, 0}, {0, 0, 1}}, pooled.confusion());
        assertEquals(9.0 / 11, pooled.figures("normal").precision(), 1e-12);
        assertEquals(5.0 / 7, pooled.figures("dos").recall(), 1e-12);
        assertEquals(1.0, pooled.figures("u2r").recall(), 1e-12, "one u2r row over the folds, found");
        assertEquals(0.8, pooled.figures("normal").rocAucOvr(), 1e-12, "the mean of the folds' AUCs");
        assertEquals(1.0, pooled.figures("u2r").rocAucOvr(), 1e-12, "only fold 1 has one");
        assertEquals(18, pooled.perClass().stream().mapToLong(ClassFigures::support).sum());
    }
}
