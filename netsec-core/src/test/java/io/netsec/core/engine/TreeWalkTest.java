package io.netsec.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.model.TreeEnsemble;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The compiled plans (trees padded to one depth and walked in lock step, condition bits, leaf
 * tables, the pointer walk four trees at a time) must answer what the model's reference walk,
 * {@link TreeEnsemble#leaf} and {@link TreeEnsemble#threatProbability}, answers on every shape:
 * lopsided trees, leaves at every level, depths on both sides of the padding limit, float and
 * double arithmetic, every aggregation.
 */
class TreeWalkTest {

    private static final int FEATURES = 5;
    private static final double[] FEW = {-1.5, -0.5, -0.0, 0.0, 0.5, 1, 2.5};

    @Test
    void paddedWalkReachesTheSameLeafAsThePointerWalk() {
        SplittableRandom random = new SplittableRandom(7);
        for (int maxDepth : new int[] {0, 1, 3, 6, 8, 9, 12}) {
            for (boolean float32 : new boolean[] {true, false}) {
                for (int trees : new int[] {1, 7, 8, 13, 200, -8}) {
                    // -8: eight trees, one threshold infinite (an infinite input meets it exactly)
                    for (boolean fewThresholds : new boolean[] {true, false}) {
                        // few: every condition bit in one word; many: hundreds of words
                        TreeEnsemble ensemble = randomEnsemble(random, Math.abs(trees), maxDepth, float32, trees < 0,
                                fewThresholds);
                        CompiledModel compiled = CompiledModel.of(ensemble);
                        CompiledModel.Scratch scratch = compiled.newScratch();
                        for (int row = 0; row < 300; row++) {
                            double[] x = randomRow(random, row % 50 == 0);
                            double expected = reference(ensemble, x);
                            assertEquals(expected, ensemble.threatProbability(x), 0, "the reference walk itself, row " + row);
                            assertEquals(expected, compiled.probability(x, scratch), 0,
                                    "depth " + maxDepth + ", float32 " + float32 + ", " + trees + " trees, few thresholds "
                                            + fewThresholds + ", row " + row);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theBitsOfTheConditionsAVectorMeetsScoreItBitForBit() {
        SplittableRandom random = new SplittableRandom(11);
        int checked = 0;
        for (int maxDepth : new int[] {1, 3, 4, 6}) {
            for (boolean float32 : new boolean[] {true, false}) {
                for (TreeEnsemble.Aggregation aggregation : TreeEnsemble.Aggregation.values()) {
                    for (int trees : new int[] {1, 9, 200}) {
                        TreeEnsemble model = withAggregation(
                                randomEnsemble(random, trees, maxDepth, float32, false, true), aggregation);
                        CompiledTrees ensemble = new CompiledTrees(model);
                        if (!ensemble.walksByConditions()) {
                            continue; // few thresholds, but more than 63 conditions in all
                        }
                        checked++;
                        CompiledModel.Scratch scratch = ensemble.newScratch();
                        int rows = 37; // not a multiple of the eight scored at once
                        long[] met = new long[rows];
                        double[] expected = new double[rows];
                        for (int row = 0; row < rows; row++) {
                            double[] x = randomRow(random, false);
                            long union = 0;
                            for (int f = 0; f < FEATURES; f++) {
                                union |= ensemble.conditionsMet(x, f, f + 1);
                            }
                            met[row] = ensemble.conditionsMet(x, 0, FEATURES);
                            assertEquals(met[row], union, "the bits of a vector are the union of its inputs' bits");
                            expected[row] = model.threatProbability(x);
                            assertEquals(expected[row], ensemble.probability(x, scratch), 0, aggregation + ", row " + row);
                            assertEquals(expected[row], ensemble.probabilityOfConditions(met[row], scratch), 0,
                                    aggregation + ", depth " + maxDepth + ", float32 " + float32 + ", row " + row);
                        }
                        double[] batch = new double[rows];
                        ensemble.probabilitiesOfConditions(met, rows, batch, scratch);
                        assertArrayEquals(expected, batch, 0, aggregation + " several at once");
                    }
                }
            }
        }
        assertTrue(checked >= 12, "too few ensembles walk by condition bits to test: " + checked);
    }

    private static TreeEnsemble withAggregation(TreeEnsemble trees, TreeEnsemble.Aggregation aggregation) {
        double[] threat = trees.threatValue();
        double[] benign = new double[threat.length];
        for (int i = 0; i < threat.length; i++) {
            if (aggregation != TreeEnsemble.Aggregation.MARGIN_SUM) {
                threat[i] = Math.abs(threat[i]); // a class distribution: no negative share
            }
            benign[i] = 1 - threat[i];
        }
        return new TreeEnsemble(trees.featureCount(), aggregation, trees.float32(), trees.baseScore(), trees.treeRoots(),
                trees.treeWeights(), trees.feature(), trees.threshold(), trees.left(), trees.right(), trees.missingLeft(),
                threat, benign);
    }

    /** The margin sum from the pointer walk, in XGBoost's float arithmetic or in double. */
    private static double reference(TreeEnsemble ensemble, double[] x) {
        double[] values = ensemble.threatValue();
        if (ensemble.float32()) {
            float sum = (float) ensemble.baseScore();
            for (int root : ensemble.treeRoots()) {
                sum += (float) values[ensemble.leaf(root, x)];
            }
            return 1.0f / (1.0f + (float) Math.exp(-sum));
        }
        double sum = ensemble.baseScore();
        for (int root : ensemble.treeRoots()) {
            sum += values[ensemble.leaf(root, x)];
        }
        return 1.0 / (1.0 + Math.exp(-sum));
    }

    private static double[] randomRow(SplittableRandom random, boolean withNaN) {
        double[] x = new double[FEATURES];
        for (int f = 0; f < FEATURES; f++) {
            // Small integers hit thresholds exactly; infinities must go where the pointer walk goes.
            x[f] = switch (random.nextInt(12)) {
                case 0 -> Double.POSITIVE_INFINITY;
                case 1 -> Double.NEGATIVE_INFINITY;
                case 2, 3, 4 -> random.nextInt(-2, 3);
                default -> random.nextDouble(-3, 3);
            };
        }
        if (withNaN) {
            x[random.nextInt(FEATURES)] = Double.NaN;
        }
        return x;
    }

    private static TreeEnsemble randomEnsemble(SplittableRandom random, int trees, int maxDepth, boolean float32,
                                               boolean infiniteThreshold, boolean fewThresholds) {
        List<int[]> structure = new ArrayList<>(); // feature, left, right, missingLeft
        List<double[]> values = new ArrayList<>(); // threshold, leaf value
        int[] roots = new int[trees];
        for (int t = 0; t < trees; t++) {
            roots[t] = structure.size();
            grow(random, structure, values, 0, maxDepth, t == 0, fewThresholds);
        }
        int n = structure.size();
        int[] feature = new int[n];
        int[] left = new int[n];
        int[] right = new int[n];
        boolean[] missingLeft = new boolean[n];
        double[] threshold = new double[n];
        double[] threat = new double[n];
        for (int i = 0; i < n; i++) {
            feature[i] = structure.get(i)[0];
            left[i] = structure.get(i)[1];
            right[i] = structure.get(i)[2];
            missingLeft[i] = structure.get(i)[3] == 1;
            threshold[i] = values.get(i)[0];
            threat[i] = values.get(i)[1];
        }
        if (infiniteThreshold && feature[0] >= 0) {
            // infinite, or finite in double but infinite in float (a float32 ensemble compares in float)
            double huge = random.nextBoolean() ? Double.POSITIVE_INFINITY : 1e39;
            threshold[0] = random.nextBoolean() ? huge : -huge;
        }
        double[] weights = new double[trees];
        java.util.Arrays.fill(weights, 1);
        return new TreeEnsemble(FEATURES, TreeEnsemble.Aggregation.MARGIN_SUM, float32, 0.1, roots, weights,
                feature, threshold, left, right, missingLeft, threat, new double[n]);
    }

    /** Grows a subtree in pre-order; the first tree's leftmost path always reaches {@code maxDepth}, so the ensemble's depth is known. */
    private static int grow(SplittableRandom random, List<int[]> structure, List<double[]> values,
                            int level, int maxDepth, boolean fullDepth, boolean fewThresholds) {
        int node = structure.size();
        boolean leaf = level == maxDepth || (!fullDepth && random.nextInt(4) == 0);
        structure.add(new int[] {-1, 0, 0, 0});
        values.add(new double[] {0, random.nextDouble(-1, 1)});
        if (!leaf) {
            int left = grow(random, structure, values, level + 1, maxDepth, fullDepth, fewThresholds);
            int right = grow(random, structure, values, level + 1, maxDepth, false, fewThresholds);
            structure.set(node, new int[] {random.nextInt(FEATURES), left, right, random.nextInt(2)});
            // few: -0.0 and 0.0 are one condition; values of a row meet them exactly
            values.get(node)[0] = fewThresholds ? FEW[random.nextInt(FEW.length)]
                    : random.nextInt(4) == 0 ? random.nextInt(-2, 3) + 0.5 : random.nextDouble(-3, 3);
        }
        return node;
    }
}
