package io.netsec.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netsec.core.bundle.BundleJson;
import io.netsec.core.testing.TinyModels;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PortableModelTest {

    @Test
    void linearModelIsTheLogisticOfTheMargin() {
        LinearModel model = TinyModels.linear();
        double[] x = {1, 2, 3};
        double margin = -0.75 + 0.5 - 2.5 + 6;
        assertEquals(1 / (1 + Math.exp(-margin)), model.threatProbability(x), 0);
        Explanation explanation = model.explain(x);
        assertEquals(margin, explanation.bias() + Arrays.stream(explanation.contributions()).sum(), 1e-12);
        assertArrayEquals(new double[] {0.5, -2.5, 6}, explanation.contributions());
    }

    @Test
    void treeEnsembleAveragesLeafDistributions() {
        TreeEnsemble stump = TinyModels.bytesStump(1);
        assertEquals(0.1, stump.threatProbability(new double[] {499.9}), 1e-15);
        assertEquals(0.9, stump.threatProbability(new double[] {500}), 1e-15, "not below the threshold goes right");
        assertEquals(0.1, stump.threatProbability(new double[] {Double.NaN}), 1e-15, "missing goes left here");
    }

    @Test
    void treeExplanationsSumToTheRawScore() {
        TreeEnsemble stump = TinyModels.bytesStump(1);
        Explanation explanation = stump.explain(new double[] {900});
        assertEquals(0.5, explanation.bias(), 1e-15);
        assertEquals(0.4, explanation.contributions()[0], 1e-15);
        assertEquals(explanation.rawScore(), explanation.bias() + explanation.contributions()[0], 1e-12);
    }

    @Test
    void marginSumAddsBaseScoreAndLeavesInFloat() {
        TreeEnsemble boosted = new TreeEnsemble(1, TreeEnsemble.Aggregation.MARGIN_SUM, true, 0.25,
                new int[] {0, 3}, new double[] {1, 1},
                new int[] {0, -1, -1, -1}, new double[] {0.5, 0, 0, 0}, new int[] {1, 0, 0, 0}, new int[] {2, 0, 0, 0},
                new boolean[] {false, false, false, false}, new double[] {0, -1, 1, 0.5}, new double[] {0, 0, 0, 0});
        float margin = 0.25f + 1f + 0.5f;
        assertEquals(1.0f / (1.0f + (float) Math.exp(-margin)), boosted.threatProbability(new double[] {0.7}), 0);
    }

    @Test
    void survivesAJsonRoundTrip() throws Exception {
        for (PortableModel model : new PortableModel[] {TinyModels.bytesStump(3), TinyModels.linear()}) {
            String json = BundleJson.MAPPER.writeValueAsString(model);
            PortableModel back = BundleJson.MAPPER.readValue(json, PortableModel.class);
            assertEquals(json, BundleJson.MAPPER.writeValueAsString(back));
            double[] x = {600, 1, 2};
            assertEquals(model.threatProbability(x), back.threatProbability(x), 0);
        }
    }

    @Test
    void refusesNodeArraysOfDifferentLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(1,
                TreeEnsemble.Aggregation.MARGIN_SUM, false, 0, new int[] {0}, new double[] {1}, new int[] {-1, -1},
                new double[] {0}, new int[] {0}, new int[] {0}, new boolean[] {false}, new double[] {0}, new double[] {0}));
        assertEquals("the node arrays of a tree ensemble differ in length", e.getMessage());
    }
}
