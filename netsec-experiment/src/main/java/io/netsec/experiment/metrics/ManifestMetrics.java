package io.netsec.experiment.metrics;

import io.netsec.core.bundle.ModelMetrics;
import io.netsec.experiment.search.CandidateResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures a bundle's manifest carries ({@link ModelMetrics}): the test metrics at the chosen
 * threshold, their bootstrap intervals, the selected candidate's cross-validation, the test
 * curves and each input's importance. One definition for every way of training, so a bundle
 * trained on Spark reads as one trained by {@code netsec train}.
 */
public final class ManifestMetrics {

    private ManifestMetrics() {
    }

    /**
     * @param test      the test metrics at the chosen threshold
     * @param intervals their 95% bootstrap intervals, by metric name (empty: none computed)
     * @param selected  the selected candidate
     * @param scores    the test rows' labels and probabilities, and the inputs' importance
     * @param families  with attack families, their figures; else null
     */
    public static ModelMetrics of(BinaryMetrics test, Map<String, BootstrapIntervals.Interval> intervals,
                                  CandidateResult selected, TestScores scores,
                                  ModelMetrics.FamilyFigures families) {
        BinaryMetrics.ConfusionMatrix c = test.confusion();
        ModelMetrics.TestMetrics figures = new ModelMetrics.TestMetrics(test.accuracy(), test.precision(), test.recall(),
                test.f1(), test.rocAuc(), test.prAuc(), test.logLoss(), test.falsePositiveRate(),
                new ModelMetrics.Confusion(c.truePositives(), c.falsePositives(), c.trueNegatives(), c.falseNegatives()));
        Map<String, ModelMetrics.Interval> ci95 = new LinkedHashMap<>();
        intervals.forEach((name, interval) -> ci95.put(name, new ModelMetrics.Interval(interval.low(), interval.high())));
        ModelMetrics.CrossValidation crossValidation = new ModelMetrics.CrossValidation(selected.meanRocAuc(),
                selected.standardError(), selected.meanAccuracy(), selected.meanLogLoss());
        // Plain points and values, so any viewer (the API's model card) can draw them without the test rows.
        ModelMetrics.TestCurves curves = new ModelMetrics.TestCurves(
                points(TestCurves.roc(scores.labels(), scores.probabilities())),
                points(TestCurves.precisionRecall(scores.labels(), scores.probabilities())));
        Map<String, Double> importance = new LinkedHashMap<>();
        double[] contribution = scores.meanAbsoluteContribution();
        java.util.stream.IntStream.range(0, contribution.length).boxed()
                .sorted((a, b) -> Double.compare(contribution[b], contribution[a]))
                .forEach(i -> importance.put(scores.inputNames().get(i), contribution[i]));
        return new ModelMetrics(figures, ci95, crossValidation, curves, importance, families);
    }

    /** At most about 200 points of a curve, always keeping its first and last. */
    private static List<ModelMetrics.Point> points(List<double[]> curve) {
        List<ModelMetrics.Point> points = new ArrayList<>();
        int step = Math.max(1, curve.size() / 200);
        for (int i = 0; i < curve.size(); i++) {
            if (i % step == 0 || i == curve.size() - 1) {
                points.add(new ModelMetrics.Point(curve.get(i)[0], curve.get(i)[1]));
            }
        }
        return points;
    }
}
