package io.netsec.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestCurvesTest {

    @Test
    void curvesRunFromCornerToCorner() {
        int[] labels = {1, 0, 1, 0};
        double[] probabilities = {0.9, 0.8, 0.8, 0.1};
        List<double[]> roc = TestCurves.roc(labels, probabilities);
        assertEquals(List.of(0.0, 0.0), List.of(roc.get(0)[0], roc.get(0)[1]));
        double[] last = roc.get(roc.size() - 1);
        assertEquals(List.of(1.0, 1.0), List.of(last[0], last[1]));
        // The tie at 0.8 moves both rows at once: (0, 0.5) then (0.5, 1).
        assertEquals(4, roc.size());
        List<double[]> pr = TestCurves.precisionRecall(labels, probabilities);
        assertEquals(1.0, pr.get(0)[1]);
        assertEquals(1.0, pr.get(pr.size() - 1)[0]);
    }
}
