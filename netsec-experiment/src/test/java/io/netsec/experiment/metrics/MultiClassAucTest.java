package io.netsec.experiment.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultiClassAucTest {

    // Three classes; class 2 has no row. Computed by hand (and equal to scikit-learn's
    // roc_auc_score(y, p, multi_class="ovr", average="macro", labels=[0, 1]) on the defined classes).
    private static final int[] ACTUAL = {0, 0, 1, 1};
    private static final double[][] PROBABILITIES = {
            {0.8, 0.1, 0.1},
            {0.4, 0.5, 0.1},
            {0.3, 0.6, 0.1},
            {0.5, 0.4, 0.1},
    };

    @Test
    void eachClassAgainstTheRestCountsPairsOrderedRightAndTiesHalf() {
        double[] auc = MultiClassAuc.perClass(ACTUAL, PROBABILITIES, 3);
        // class 0: positives 0.8, 0.4 against negatives 0.3, 0.5: pairs right (0.8>0.3, 0.8>0.5, 0.4>0.3) = 3 of 4
        assertEquals(0.75, auc[0], 1e-12);
        // class 1: positives 0.6, 0.4 against 0.1, 0.5: (0.6>0.1, 0.6>0.5, 0.4>0.1) = 3 of 4
        assertEquals(0.75, auc[1], 1e-12);
        assertTrue(Double.isNaN(auc[2]), "a class without rows has no AUC");
    }

    @Test
    void theMacroMeanLeavesOutClassesWithoutAnAucAndNamesThem() {
        assertEquals(0.75, MultiClassAuc.macro(ACTUAL, PROBABILITIES, 3), 1e-12);
        assertEquals(List.of(2), MultiClassAuc.undefinedClasses(ACTUAL, PROBABILITIES, 3));
    }

    @Test
    void aPerfectRankingGivesOne() {
        int[] actual = {0, 1, 2};
        double[][] p = {{0.9, 0.05, 0.05}, {0.1, 0.8, 0.1}, {0.2, 0.1, 0.7}};
        assertEquals(1.0, MultiClassAuc.macro(actual, p, 3), 1e-12);
    }
}
