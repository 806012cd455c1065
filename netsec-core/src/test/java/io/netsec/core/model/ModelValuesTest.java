package io.netsec.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.Sha256;
import io.netsec.core.bundle.BundleException;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.testing.TinyModels;
import io.netsec.core.transform.KnnImputer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every value a model can answer is a probability: a model whose values would make it answer
 * anything else is refused when it is built (so when a bundle is loaded), naming the tree and
 * node at fault. The models the exporters write (class counts and distributions, positive tree
 * weights, finite float margins) pass: netsec-training's export tests load every family.
 */
class ModelValuesTest {

    @TempDir
    Path dir;

    /** Three nodes, one tree: node 0 splits on input 0 at 500, leaves 1 and 2. */
    private static TreeEnsemble stump(TreeEnsemble.Aggregation aggregation, boolean float32, double base,
                                      double[] weights, double[] threat, double[] benign) {
        int[] roots = new int[weights.length];
        int nodes = 3 * weights.length;
        int[] feature = new int[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        double[] threshold = new double[nodes];
        for (int t = 0; t < weights.length; t++) {
            roots[t] = 3 * t;
            feature[3 * t] = 0;
            feature[3 * t + 1] = -1;
            feature[3 * t + 2] = -1;
            left[3 * t] = 3 * t + 1;
            right[3 * t] = 3 * t + 2;
            threshold[3 * t] = 500;
        }
        return new TreeEnsemble(1, aggregation, float32, base, roots, weights, feature, threshold, left, right,
                new boolean[nodes], threat, benign);
    }

    private static String refusal(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    /** The case as found: checksums recomputed after a leaf's class values became 5 and -3; it answered 2.5. */
    @Test
    void aBundleWhoseLeafHoldsNegativeClassValuesIsRefusedNamingTheNode() throws Exception {
        Path folder = dir.resolve("m");
        TinyModels.bundle().writeTo(folder);
        Path model = folder.resolve(ModelBundle.MODEL);
        String json = Files.readString(model);
        String tampered = json.replace("\"threat_value\":[0.5,0.1,0.9],\"benign_value\":[0.5,0.9,0.1]",
                "\"threat_value\":[0.5,0.1,5],\"benign_value\":[0.5,0.9,-3]");
        assertTrue(!tampered.equals(json), "the stump's values are where the test expects them");
        Files.writeString(model, tampered);
        String sums = Files.readString(folder.resolve(ModelBundle.CHECKSUMS)).replaceAll("[0-9a-f]{64}  model.json",
                Sha256.of(Files.readAllBytes(model)) + "  model.json");
        Files.writeString(folder.resolve(ModelBundle.CHECKSUMS), sums, StandardCharsets.US_ASCII);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(folder));
        assertTrue(e.getMessage().contains("model.json: not a valid model: tree 0, node 2: has the class values 5.0 (threat)"
                + " and -3.0 (benign); a class count or share is a finite number, not negative"), e.getMessage());
    }

    @Test
    void classValuesAreFiniteAndNotNegative() {
        var average = TreeEnsemble.Aggregation.PROBABILITY_AVERAGE;
        double[] one = {1};
        assertEquals("tree 0, node 2: has the class values 5.0 (threat) and -3.0 (benign); a class count or share is a"
                + " finite number, not negative", refusal(() -> stump(average, false, 0, one, new double[] {1, 1, 5},
                new double[] {1, 1, -3})));
        assertTrue(refusal(() -> stump(average, false, 0, one, new double[] {1, Double.NaN, 1}, new double[] {1, 1, 1}))
                .startsWith("tree 0, node 1: has the class values NaN (threat)"));
        assertTrue(refusal(() -> stump(TreeEnsemble.Aggregation.WEIGHTED_VOTE, false, 0, new double[] {1, 2},
                new double[] {1, 1, 1, 1, 1, Double.POSITIVE_INFINITY}, new double[] {1, 1, 1, 1, 1, 1}))
                .startsWith("tree 1, node 5: has the class values Infinity (threat)"));
        assertTrue(refusal(() -> stump(average, false, 0, one, new double[] {1, 1, Double.MAX_VALUE},
                new double[] {1, 1, Double.MAX_VALUE})).startsWith("tree 0, node 2:"), "a total that overflows");
        assertTrue(refusal(() -> stump(average, false, 0, new double[] {1, 1, 1},
                new double[] {1, 1, 1e308, 1, 1, 1e308, 1, 1, 1e308}, new double[9]))
                .startsWith("the class values of the trees can add up to "), "trees whose totals overflow together");
        // inner nodes too: explanations read them
        assertTrue(refusal(() -> stump(average, false, 0, one, new double[] {-1, 1, 1}, new double[] {1, 1, 1}))
                .startsWith("tree 0, node 0:"));
    }

    @Test
    void marginsAreFiniteAndTheirSumCannotOverflow() {
        var sum = TreeEnsemble.Aggregation.MARGIN_SUM;
        double[] one = {1};
        assertEquals("tree 0, node 1: has the margin NaN; margins must be finite numbers",
                refusal(() -> stump(sum, true, 0, one, new double[] {0, Double.NaN, 1}, new double[3])));
        assertEquals("tree 0, node 2: has the margin 1.0E39; margins must be finite numbers",
                refusal(() -> stump(sum, true, 0, one, new double[] {0, 1, 1e39}, new double[3])), "infinite as a float");
        assertEquals(1.0, stump(sum, false, 0, one, new double[] {0, 1, 1e39}, new double[3])
                .threatProbability(new double[] {900}), "in a double ensemble it is a margin like another");
        assertEquals("the base score NaN is not a finite margin",
                refusal(() -> stump(sum, true, Double.NaN, one, new double[3], new double[3])));
        assertTrue(refusal(() -> stump(sum, true, 0, new double[] {1, 1}, new double[] {0, 3e38, 1, 0, 1, 3e38},
                new double[6])).startsWith("the margins of the trees can add up to 6.0E38, too large to sum in float"));
        // what the sum could reach in float is a probability: 1 and 0 at the ends, never NaN
        TreeEnsemble wide = stump(sum, true, 0, new double[] {1, 1}, new double[] {0, -8e37, 8e37, 0, -8e37, 8e37},
                new double[6]);
        assertEquals(1.0, wide.threatProbability(new double[] {900}));
        assertEquals(0.0, wide.threatProbability(new double[] {1}));
    }

    @Test
    void treeWeightsAreFiniteAndAboveZero() {
        for (double weight : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertEquals("tree 1 has the weight " + weight + "; a tree's weight is a finite number above 0",
                    refusal(() -> stump(TreeEnsemble.Aggregation.WEIGHTED_VOTE, false, 0, new double[] {1, weight},
                            new double[6], new double[6])));
        }
        assertTrue(refusal(() -> stump(TreeEnsemble.Aggregation.WEIGHTED_VOTE, false, 0,
                new double[] {Double.MAX_VALUE, Double.MAX_VALUE}, new double[6], new double[6]))
                .startsWith("the tree weights add up to "));
    }

    @Test
    void aNodeInNoTreeIsNamedSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(1,
                TreeEnsemble.Aggregation.PROBABILITY_AVERAGE, false, 0, new int[] {0}, new double[] {1},
                new int[] {-1, -1}, new double[2], new int[2], new int[2], new boolean[2],
                new double[] {1, -1}, new double[] {1, 1}));
        assertEquals("node 1 (in no tree): has the class values -1.0 (threat) and 1.0 (benign); a class count or share"
                + " is a finite number, not negative", e.getMessage());
    }

    @Test
    void linearWeightsAreFiniteAndNamed() {
        assertEquals("weight 1 of the linear model is NaN; weights must be finite",
                refusal(() -> new LinearModel(new double[] {1, Double.NaN}, 0)));
        assertEquals("the linear model's bias is -Infinity; it must be finite",
                refusal(() -> new LinearModel(new double[] {1}, Double.NEGATIVE_INFINITY)));
    }

    @Test
    void knnReferenceRowsHaveOneFiniteOrMissingValuePerFeature() {
        assertEquals("KNN reference row 1 has 1 values, not one per feature (2)", refusal(() ->
                new KnnImputer(3, new double[][] {{1, 2}, {1}}, new boolean[] {false, true})));
        assertEquals("KNN reference row 0 holds Infinity", refusal(() ->
                new KnnImputer(3, new double[][] {{1, Double.POSITIVE_INFINITY}}, new boolean[] {false, true})));
        assertEquals("KNN imputation needs at least 1 neighbour, not 0", refusal(() ->
                new KnnImputer(0, new double[][] {{1, Double.NaN}}, new boolean[] {false, true})));
    }

    /** Random ensembles of valid values in every aggregation answer probabilities; the checks refuse none of them. */
    @Test
    void validEnsemblesOfEveryKindAnswerProbabilities() {
        SplittableRandom random = new SplittableRandom(5);
        for (TreeEnsemble.Aggregation aggregation : TreeEnsemble.Aggregation.values()) {
            for (boolean float32 : new boolean[] {false, true}) {
                TreeEnsemble trees = TinyModels.randomTrees(random, 6, aggregation, float32, 4, 20);
                for (int i = 0; i < 1_000; i++) {
                    double[] x = random.doubles(6, -2, 2).toArray();
                    double p = trees.threatProbability(x);
                    assertTrue(p >= 0 && p <= 1, aggregation + " answered " + p);
                }
            }
        }
    }
}
