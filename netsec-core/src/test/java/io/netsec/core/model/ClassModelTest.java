package io.netsec.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.bundle.BundleJson;
import io.netsec.core.engine.CompiledModel;
import io.netsec.core.testing.TinyModels;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The class models' reference walks, on trees small enough to compute by hand: the class
 * probabilities each aggregation gives, the threat probability as one minus the benign one,
 * explanations that add up, and the refusal of values that are no model.
 */
class ClassModelTest {

    private static final List<String> CLASSES = List.of("normal", "dos", "probe");

    /**
     * Four margin trees over one input, base score 0.5 for each class: tree 0 adds to normal
     * (split at 1: -0.2 | 0.3, root 0.05), tree 1 to dos (split at 1: 0.1 | -0.4, root 0), tree 2
     * to probe (split at 2: 0.7 | 0.2, root 0.4), tree 3, a single leaf, 0.05 to dos.
     */
    static ClassTrees marginTrees(boolean float32) {
        double[] value = new double[10 * 3];
        double[][] byNode = {{0.05, 0}, {-0.2, 0}, {0.3, 0}, {0, 1}, {0.1, 1}, {-0.4, 1}, {0.4, 2}, {0.7, 2}, {0.2, 2},
            {0.05, 1}};
        for (int node = 0; node < byNode.length; node++) {
            value[node * 3 + (int) byNode[node][1]] = byNode[node][0];
        }
        return new ClassTrees(1, ClassTrees.Aggregation.MARGIN_SUM, float32, CLASSES, new double[] {0.5, 0.5, 0.5},
                new int[] {0, 3, 6, 9}, new int[] {0, 1, 2, 1},
                new int[] {0, -1, -1, 0, -1, -1, 0, -1, -1, -1}, new double[] {1, 0, 0, 1, 0, 0, 2, 0, 0, 0},
                new int[] {1, 0, 0, 4, 0, 0, 7, 0, 0, 0}, new int[] {2, 0, 0, 5, 0, 0, 8, 0, 0, 0},
                new boolean[10], value);
    }

    static ClassLinear linear() {
        return new ClassLinear(CLASSES, new double[][] {{0, 0}, {1, -1}, {0.5, 2}}, new double[] {0, 0.1, -0.3});
    }

    private static double[] softmax(double... margins) {
        double sum = 0;
        for (double m : margins) {
            sum += Math.exp(m);
        }
        double[] p = new double[margins.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.exp(margins[k]) / sum;
        }
        return p;
    }

    @Test
    void probabilityAverageAddsTheLeafDistributionsAndNormalises() {
        ClassTrees trees = TinyModels.familyTrees(1);
        // bytes 900: leaves (0.1, 0.7, 0.2) and (0, 0.2, 0.8); 700: (0.1, 0.7, 0.2) and (0.6, 0.1, 0.3)
        assertArrayEquals(new double[] {0.05, 0.45, 0.5}, trees.classProbabilities(new double[] {900}), 1e-15);
        assertArrayEquals(new double[] {0.35, 0.4, 0.25}, trees.classProbabilities(new double[] {700}), 1e-15);
        assertArrayEquals(new double[] {0.75, 0.07, 0.18}, trees.classProbabilities(new double[] {10}), 1e-15);
        assertEquals(0.95, trees.threatProbability(new double[] {900}), 1e-15);
        // missing: left at 500 (0.9, 0.04, 0.06), right at 850 (0, 0.2, 0.8)
        assertArrayEquals(new double[] {0.45, 0.12, 0.43}, trees.classProbabilities(new double[] {Double.NaN}), 1e-15);
        assertEquals(0.55, trees.threatProbability(new double[] {Double.NaN}), 1e-15);
    }

    @Test
    void probabilityAverageAddsCountsBeforeItNormalises() {
        // one tree of counts (8, 1, 1), another of shares (0.2, 0.2, 0.6): Weka's bagging adds, then normalises
        ClassTrees trees = new ClassTrees(1, ClassTrees.Aggregation.PROBABILITY_AVERAGE, false, CLASSES, null,
                new int[] {0, 1}, null, new int[] {-1, -1}, new double[2], new int[2], new int[2], new boolean[2],
                new double[] {8, 1, 1, 0.2, 0.2, 0.6});
        assertArrayEquals(new double[] {8.2 / 11, 1.2 / 11, 1.6 / 11}, trees.classProbabilities(new double[] {0}), 1e-15);
    }

    @Test
    void leavesOfNoWeightAnswerEveryClassAlike() {
        ClassTrees empty = new ClassTrees(1, ClassTrees.Aggregation.PROBABILITY_AVERAGE, false, CLASSES, null,
                new int[] {0}, null, new int[] {-1}, new double[1], new int[1], new int[1], new boolean[1], new double[3]);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, empty.classProbabilities(new double[] {0}), 0);
        assertEquals(1 - 1.0 / 3, empty.threatProbability(new double[] {0}), 0);
    }

    @Test
    void marginSumIsTheSoftmaxOfEachClasssBaseScoreAndTrees() {
        ClassTrees trees = marginTrees(false);
        // x 0.5: normal 0.5 - 0.2, dos 0.5 + 0.1 + 0.05, probe 0.5 + 0.7
        assertArrayEquals(softmax(0.3, 0.65, 1.2), trees.classProbabilities(new double[] {0.5}), 1e-15);
        // x 1.5: normal 0.5 + 0.3, dos 0.5 - 0.4 + 0.05, probe 0.5 + 0.7 (probe's split is at 2)
        assertArrayEquals(softmax(0.8, 0.15, 1.2), trees.classProbabilities(new double[] {1.5}), 1e-15);
        assertEquals(1 - softmax(0.8, 0.15, 1.2)[0], trees.threatProbability(new double[] {1.5}), 1e-15);
    }

    @Test
    void float32MarginsAreSummedAndSoftmaxedAsXgboostDoes() {
        ClassTrees trees = marginTrees(true);
        // XGBoost: margins summed in float from the base score, in tree order; common::Softmax:
        // the largest in float, exp in float, their sum in double, each divided by the sum as a float
        float normal = 0.5f + -0.2f;
        float dos = 0.5f + 0.1f + 0.05f;
        float probe = 0.5f + 0.7f;
        float largest = Math.max(Math.max(normal, dos), probe);
        float[] e = {(float) Math.exp(normal - largest), (float) Math.exp(dos - largest), (float) Math.exp(probe - largest)};
        double sum = (double) e[0] + e[1] + e[2];
        double[] expected = {e[0] / (float) sum, e[1] / (float) sum, e[2] / (float) sum};
        assertArrayEquals(expected, trees.classProbabilities(new double[] {0.5}), 0);
        assertEquals(1 - expected[0], trees.threatProbability(new double[] {0.5}), 0);
        assertArrayEquals(softmax(0.3, 0.65, 1.2), expected, 1e-7, "in float, near the double answer");
    }

    @Test
    void float32TreesCompareInputsAsFloats() {
        // 0.99999999 rounds to 1.0f: not below the float threshold 1, so right (0.3 for normal)
        ClassTrees trees = marginTrees(true);
        double[] x = {0.99999999};
        assertEquals(trees.classProbabilities(new double[] {1.5})[0], trees.classProbabilities(x)[0], 0);
        assertNotEquals(trees.classProbabilities(x)[0], marginTrees(false).classProbabilities(x)[0], 1e-6);
    }

    @Test
    void linearIsTheSoftmaxOfTheClassMargins() {
        ClassLinear model = linear();
        double[] x = {1, 2};
        // normal 0, dos 0.1 + 1 - 2, probe -0.3 + 0.5 + 4
        assertArrayEquals(new double[] {0, -0.9, 4.2}, model.margins(x), 1e-15);
        assertArrayEquals(softmax(0, -0.9, 4.2), model.classProbabilities(x), 1e-15);
        assertEquals(1 - softmax(0, -0.9, 4.2)[0], model.threatProbability(x), 1e-15);
    }

    @Test
    void twoClassLinearIsTheBinaryLogisticModel() {
        LinearModel binary = TinyModels.linear();
        ClassLinear classes = new ClassLinear(List.of("normal", "attack"), new double[][] {{0, 0, 0}, binary.weights()},
                new double[] {0, binary.bias()});
        double[] x = {1, 2, 3};
        assertEquals(binary.threatProbability(x), classes.threatProbability(x), 1e-15);
        assertArrayEquals(binary.explain(x).contributions(), classes.explain(x).contributions(), 1e-12);
        assertEquals(binary.explain(x).rawScore(), classes.explain(x).rawScore(), 1e-12);
    }

    @Test
    void probabilityAverageExplanationSharesOutTheThreatProbability() {
        ClassTrees trees = TinyModels.familyTrees(1);
        Explanation explanation = trees.explain(new double[] {900});
        // threat shares: roots 0.5 and 0.7, leaves 0.9 and 1.0, each tree counted half
        assertEquals(0.5 * 0.5 + 0.5 * 0.7, explanation.bias(), 1e-15);
        assertEquals(0.5 * (0.9 - 0.5) + 0.5 * (1.0 - 0.7), explanation.contributions()[0], 1e-15);
        assertEquals(0.95, explanation.rawScore(), 1e-15);
        assertEquals(trees.threatProbability(new double[] {900}), explanation.bias() + explanation.contributions()[0], 1e-15);
    }

    @Test
    void marginExplanationSharesOutTheThreatLogOdds() {
        ClassTrees trees = marginTrees(false);
        Explanation explanation = trees.explain(new double[] {0.5});
        // bias: base scores plus roots (0.55, 0.55, 0.9); raw score: the leaves' margins (0.3, 0.65, 1.2)
        assertEquals(Math.log(Math.exp(0.55) + Math.exp(0.9)) - 0.55, explanation.bias(), 1e-15);
        assertEquals(Math.log(Math.exp(0.65) + Math.exp(1.2)) - 0.3, explanation.rawScore(), 1e-15);
        assertEquals(explanation.rawScore(), explanation.bias() + explanation.contributions()[0], 1e-15);
        double p0 = trees.classProbabilities(new double[] {0.5})[0];
        assertEquals(Math.log((1 - p0) / p0), explanation.rawScore(), 1e-14);
    }

    @Test
    void linearExplanationSharesOutTheThreatLogOddsInputByInput() {
        Explanation explanation = linear().explain(new double[] {1, 2});
        double intercepts = Math.log(Math.exp(0.1) + Math.exp(-0.3));
        double afterFirst = Math.log(Math.exp(1.1) + Math.exp(0.2));
        double afterBoth = Math.log(Math.exp(-0.9) + Math.exp(4.2));
        assertEquals(intercepts, explanation.bias(), 1e-15);
        assertArrayEquals(new double[] {afterFirst - intercepts, afterBoth - afterFirst}, explanation.contributions(), 1e-14);
        assertEquals(afterBoth, explanation.rawScore(), 1e-15);
    }

    /** Random trees and weights: every answer is a distribution whose threat part is what the engine scores. */
    @Test
    void threatProbabilityIsOneMinusTheBenignProbabilityEverywhere() {
        SplittableRandom random = new SplittableRandom(25);
        for (int round = 0; round < 60; round++) {
            int classes = 2 + random.nextInt(4);
            int inputs = 1 + random.nextInt(5);
            ClassModel model = switch (round % 4) {
                case 0 -> randomTrees(random, inputs, classes, ClassTrees.Aggregation.PROBABILITY_AVERAGE, false);
                case 1 -> randomTrees(random, inputs, classes, ClassTrees.Aggregation.MARGIN_SUM, false);
                case 2 -> randomTrees(random, inputs, classes, ClassTrees.Aggregation.MARGIN_SUM, true);
                default -> randomLinear(random, inputs, classes);
            };
            CompiledModel compiled = CompiledModel.of(model);
            for (int i = 0; i < 200; i++) {
                double[] x = new double[inputs];
                for (int f = 0; f < inputs; f++) {
                    x[f] = random.nextInt(10) == 0 ? Double.NaN : random.nextDouble(-2, 2);
                }
                if (model instanceof ClassLinear) {
                    Arrays.setAll(x, f -> Double.isNaN(x[f]) ? 0 : x[f]); // the transform fills a linear model's input
                }
                double[] p = model.classProbabilities(x);
                assertEquals(classes, p.length);
                double sum = 0;
                for (double pk : p) {
                    assertTrue(pk >= 0 && pk <= 1, model + ": " + Arrays.toString(p));
                    sum += pk;
                }
                assertEquals(1, sum, 1e-6);
                assertEquals(1 - p[0], model.threatProbability(x), 0, "the threat probability is 1 - p0, bit for bit");
                assertEquals(model.threatProbability(x), compiled.probability(x), 0, "the engine scores the reference walk");
                Explanation explanation = model.explain(x);
                assertEquals(explanation.rawScore(), explanation.bias() + Arrays.stream(explanation.contributions()).sum(),
                        1e-9, "an explanation adds up");
                if (!(model instanceof ClassTrees trees && trees.aggregation() == ClassTrees.Aggregation.PROBABILITY_AVERAGE)
                        && p[0] > 1e-9 && p[0] < 1 - 1e-9) {
                    assertEquals(Math.log((1 - p[0]) / p[0]), explanation.rawScore(), 1e-4 * Math.max(1, Math.abs(explanation.rawScore())),
                            "the raw score is the threat probability's log-odds");
                }
            }
        }
    }

    @Test
    void survivesAJacksonRoundTripAndComparesByValue() throws Exception {
        for (ClassModel model : new ClassModel[] {TinyModels.familyTrees(3), marginTrees(true), linear()}) {
            String json = BundleJson.MAPPER.writeValueAsString(model);
            PortableModel back = BundleJson.MAPPER.readValue(json, PortableModel.class);
            assertEquals(model, back);
            assertEquals(model.hashCode(), back.hashCode());
            assertEquals(json, BundleJson.MAPPER.writeValueAsString(back));
        }
        assertTrue(BundleJson.MAPPER.writeValueAsString(TinyModels.familyTrees(1)).contains("\"kind\":\"class_trees\""));
        assertTrue(!BundleJson.MAPPER.writeValueAsString(TinyModels.familyTrees(1)).contains("tree_class"),
                "a probability average has no margin fields");
    }

    @Test
    void isImmutable() {
        double[] value = TinyModels.familyTrees(1).classValue();
        double[][] weights = {{0, 0}, {1, -1}};
        ClassLinear model = new ClassLinear(List.of("normal", "dos"), weights, new double[] {0, 0});
        weights[1][0] = 99;
        model.weights()[1][1] = 99;
        assertArrayEquals(new double[] {1, -1}, model.weights()[1]);
        value[0] = 99;
        assertEquals(0.5, TinyModels.familyTrees(1).classValue()[0]);
    }

    // refusals

    private static String refusal(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    private static ClassTrees stump(List<String> classes, ClassTrees.Aggregation aggregation, double[] base, int[] treeClass,
                                    double[] value) {
        return new ClassTrees(1, aggregation, false, classes, base, new int[] {0}, treeClass, new int[] {0, -1, -1},
                new double[] {1, 0, 0}, new int[] {1, 0, 0}, new int[] {2, 0, 0}, new boolean[3], value);
    }

    @Test
    void refusesValuesThatAreNoModel() {
        var average = ClassTrees.Aggregation.PROBABILITY_AVERAGE;
        var margins = ClassTrees.Aggregation.MARGIN_SUM;
        List<String> two = List.of("normal", "dos");
        assertEquals("tree 0, node 2: has the class value -3.0 for class 1; a class count or share is a finite number, not negative",
                refusal(() -> stump(two, average, null, null, new double[] {1, 1, 1, 0, 5, -3})));
        assertEquals("tree 0, node 1: has the class value NaN for class 0; a class count or share is a finite number, not negative",
                refusal(() -> stump(two, average, null, null, new double[] {1, 1, Double.NaN, 0, 5, 3})));
        assertEquals("class_value holds 5 values, not one per node and class (3 x 2)",
                refusal(() -> stump(two, average, null, null, new double[] {1, 1, 1, 0, 5})));
        assertEquals("a class model needs at least 2 classes (the benign class first), not 1",
                refusal(() -> stump(List.of("normal"), average, null, null, new double[] {1, 1, 1})));
        assertEquals("class 2 is named 'dos', as an earlier class is",
                refusal(() -> stump(List.of("normal", "dos", "dos"), average, null, null, new double[9])));
        assertEquals("class 1 has no name", refusal(() -> stump(List.of("normal", " "), average, null, null, new double[6])));
        assertEquals("probability_average class trees have no 'base_score' or 'tree_class' (margin_sum fields)",
                refusal(() -> stump(two, average, new double[] {0, 0}, null, new double[6])));
        assertEquals("margin_sum class trees need 'tree_class' with one class per tree (1)",
                refusal(() -> stump(two, margins, new double[] {0, 0}, null, new double[6])));
        assertEquals("margin_sum class trees need 'base_score' with one margin per class (2)",
                refusal(() -> stump(two, margins, new double[] {0}, new int[] {1}, new double[6])));
        assertEquals("tree 0 adds to class 2 of 2",
                refusal(() -> stump(two, margins, new double[] {0, 0}, new int[] {2}, new double[6])));
        assertEquals("tree 0, node 1: holds 0.5 for class 0, but its tree adds to class 1 only (the others are 0)",
                refusal(() -> stump(two, margins, new double[] {0, 0}, new int[] {1}, new double[] {0, 0, 0.5, 1, 0, 2})));
        assertEquals("tree 0, node 2: has the margin Infinity for class 1; margins must be finite numbers",
                refusal(() -> stump(two, margins, new double[] {0, 0}, new int[] {1},
                        new double[] {0, 0, 0, 1, 0, Double.POSITIVE_INFINITY})));
        assertEquals("the base score NaN of class 1 is not a finite margin",
                refusal(() -> stump(two, margins, new double[] {0, Double.NaN}, new int[] {1}, new double[6])));
        assertEquals("the margins of class 1's trees can add up to 1.0E308, too large to sum",
                refusal(() -> stump(two, margins, new double[] {0, 0}, new int[] {1}, new double[] {0, 0, 0, 1e308, 0, 1})));
        assertEquals("node 0 has children outside (0, 3)", refusal(() -> new ClassTrees(1, average, false, two, null,
                new int[] {0}, null, new int[] {0, -1, -1}, new double[3], new int[] {0, 0, 0}, new int[] {2, 0, 0},
                new boolean[3], new double[6])));
        assertEquals("class trees need 'class_value'", refusal(() -> stump(two, average, null, null, null)));
        assertEquals("a class linear model of 3 classes has 2 rows of weights and 3 intercepts; it needs one of each per class",
                refusal(() -> new ClassLinear(CLASSES, new double[][] {{0}, {1}}, new double[3])));
        assertEquals("weight 1 of class 2 is NaN; weights must be finite", refusal(() -> new ClassLinear(CLASSES,
                new double[][] {{0, 0}, {1, 1}, {1, Double.NaN}}, new double[3])));
        assertEquals("the weights of class 1 are not a row as long as class 0's (2, and more than 0)", refusal(() ->
                new ClassLinear(CLASSES, new double[][] {{0, 0}, {1}, {1, 1}}, new double[3])));
    }

    private static ClassTrees randomTrees(SplittableRandom random, int inputs, int classes, ClassTrees.Aggregation aggregation,
                                          boolean float32) {
        int trees = 1 + random.nextInt(6);
        int perTree = 7; // a complete tree of depth 2
        int n = trees * perTree;
        int[] feature = new int[n];
        double[] threshold = new double[n];
        int[] left = new int[n];
        int[] right = new int[n];
        boolean[] missingLeft = new boolean[n];
        double[] value = new double[n * classes];
        int[] roots = new int[trees];
        boolean margins = aggregation == ClassTrees.Aggregation.MARGIN_SUM;
        int[] treeClass = margins ? new int[trees] : null;
        for (int t = 0; t < trees; t++) {
            roots[t] = t * perTree;
            if (margins) {
                treeClass[t] = t % classes;
            }
            for (int p = 0; p < perTree; p++) {
                int node = t * perTree + p;
                if (p < 3) {
                    feature[node] = random.nextInt(inputs);
                    threshold[node] = random.nextDouble(-1.5, 1.5);
                    left[node] = t * perTree + 2 * p + 1;
                    right[node] = t * perTree + 2 * p + 2;
                    missingLeft[node] = random.nextBoolean();
                } else {
                    feature[node] = -1;
                }
                for (int c = 0; c < classes; c++) {
                    if (margins) {
                        value[node * classes + c] = c == treeClass[t] ? random.nextDouble(-3, 3) : 0;
                    } else {
                        value[node * classes + c] = random.nextInt(8) == 0 ? 0 : random.nextDouble(0, 20);
                    }
                }
            }
        }
        double[] base = null;
        if (margins) {
            base = new double[classes];
            Arrays.setAll(base, c -> random.nextDouble(-1, 1));
        }
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return new ClassTrees(inputs, aggregation, float32, names, base, roots, treeClass, feature, threshold, left, right,
                missingLeft, value);
    }

    private static ClassLinear randomLinear(SplittableRandom random, int inputs, int classes) {
        double[][] weights = new double[classes][inputs];
        double[] intercepts = new double[classes];
        for (int k = 0; k < classes - 1; k++) { // Weka's: the last class's row is 0
            Arrays.setAll(weights[k], i -> random.nextDouble(-4, 4));
            intercepts[k] = random.nextDouble(-2, 2);
        }
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return new ClassLinear(names, weights, intercepts);
    }
}
