package io.netsec.experiment.search;

import io.netsec.core.model.ClassLinear;
import io.netsec.core.model.ClassTrees;
import io.netsec.core.model.LinearModel;
import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;

/**
 * A deterministic proxy of how long a model takes to score a record: the tree nodes a record
 * visits, or the weights a linear model reads. Timing would make selection, and so the
 * manifest, differ from run to run; node visits rank models the same way on this hardware.
 */
public final class ScoringCost {

    private ScoringCost() {
    }

    public static double perRecord(PortableModel model, double[][] rows) {
        return switch (model) {
            case LinearModel linear -> linear.featureCount();
            case TreeEnsemble trees -> meanNodeVisits(trees.treeRoots(), trees.feature(), trees.threshold(), trees.left(),
                    trees.right(), rows);
            case ClassLinear linear -> (double) linear.featureCount() * linear.classCount();
            case ClassTrees trees -> meanNodeVisits(trees.treeRoots(), trees.feature(), trees.threshold(), trees.left(),
                    trees.right(), rows);
        };
    }

    private static double meanNodeVisits(int[] treeRoots, int[] feature, double[] threshold, int[] left, int[] right,
                                         double[][] rows) {
        long visits = 0;
        for (double[] x : rows) {
            for (int root : treeRoots) {
                int node = root;
                visits++;
                while (feature[node] >= 0) {
                    double value = x[feature[node]];
                    node = value < threshold[node] ? left[node] : right[node];
                    visits++;
                }
            }
        }
        return rows.length == 0 ? 0 : (double) visits / rows.length;
    }
}
