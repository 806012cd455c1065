package io.netsec.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ClassWeightsTest {

    @Test
    void noneWeighsNothing() {
        assertNull(ClassWeights.NONE.of(new int[] {0, 1, 1}, 2));
    }

    /** 8 rows: 5 benign, 2 dos, 1 u2r, no probe: each present class weighs about 8/3 in total. */
    @Test
    void balancedGivesEachPresentClassTheSameTotalInMultiplesOf1Over1024() {
        int[] y = {0, 0, 0, 0, 0, 1, 1, 3};
        double[] weights = ClassWeights.BALANCED.of(y, 4);
        assertArrayEquals(new double[] {546 / 1024.0, 546 / 1024.0, 546 / 1024.0, 546 / 1024.0, 546 / 1024.0,
                1365 / 1024.0, 1365 / 1024.0, 2731 / 1024.0}, weights, 0.0);
        double[] totals = new double[4];
        for (int i = 0; i < y.length; i++) {
            totals[y[i]] += weights[i];
        }
        assertEquals(8 / 3.0, totals[0], 0.01);
        assertEquals(8 / 3.0, totals[1], 0.01);
        assertEquals(8 / 3.0, totals[3], 0.01);
        for (double weight : weights) {
            assertEquals(weight, Math.rint(weight * 1024) / 1024, 0.0, "a multiple of 1/1024: sums add exactly");
        }
    }
}
