package io.netsec.experiment.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsec.core.model.ClassLinear;
import io.netsec.core.model.ClassTrees;
import io.netsec.core.model.LinearModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deterministic cost of scoring a record: nodes visited, or weights read, class models too. */
class ScoringCostTest {

    @Test
    void linearModelsReadTheirWeights() {
        assertEquals(3, ScoringCost.perRecord(new LinearModel(new double[] {1, 2, 3}, 0), new double[0][]));
        assertEquals(6, ScoringCost.perRecord(new ClassLinear(List.of("normal", "dos", "probe"),
                new double[][] {{0, 0}, {1, 1}, {2, 2}}, new double[3]), new double[0][]));
    }

    @Test
    void classTreesCountTheNodesEachRecordVisits() {
        // tree 0 splits input 0 at 1 (2 nodes visited), tree 1 is one leaf (1 node)
        ClassTrees trees = new ClassTrees(1, ClassTrees.Aggregation.PROBABILITY_AVERAGE, false, List.of("normal", "dos"),
                null, new int[] {0, 3}, null, new int[] {0, -1, -1, -1}, new double[] {1, 0, 0, 0},
                new int[] {1, 0, 0, 0}, new int[] {2, 0, 0, 0}, new boolean[4], new double[] {1, 1, 1, 0, 0, 1, 1, 1});
        assertEquals(3, ScoringCost.perRecord(trees, new double[][] {{0}, {2}}));
    }
}
