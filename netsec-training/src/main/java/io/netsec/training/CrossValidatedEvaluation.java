package io.netsec.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.netsec.core.data.Dataset;
import io.netsec.experiment.metrics.BinaryMetrics;
import io.netsec.experiment.metrics.ClassFigures;
import io.netsec.experiment.metrics.FamilyFolds;
import io.netsec.experiment.metrics.FamilyMetricNames;
import io.netsec.experiment.metrics.FamilyMetrics;
import io.netsec.experiment.metrics.FamilyMetricsCalculator;
import io.netsec.experiment.metrics.MetricNames;
import io.netsec.experiment.split.DataSplitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * k-fold cross-validation of the whole pipeline (nested): in each outer fold the search, the
 * threshold and the transformation see only the outer training rows, and the outer test fold
 * is scored once. The figures are comparable with other tools evaluated the same way.
 */
public final class CrossValidatedEvaluation {

    private CrossValidatedEvaluation() {
    }

    /**
     * @param folds          outer folds
     * @param perFold        each outer fold's test metrics and what it selected
     * @param mean           mean of each metric over the folds
     * @param standardDeviation sample standard deviation of each metric over the folds
     * @param duplicateAware whether copies of a feature vector stayed in one fold
     * @param seed           the seed of folds and fits
     * @param families       with families: the per-family figures pooled over the folds ({@link FamilyFolds});
     *                       else null (and left out of the JSON). The means then also hold each fold's
     *                       per-family figures ({@link FamilyMetricNames}), a class's over the folds that
     *                       have rows of it
     */
    public record Report(int folds, List<FoldOutcome> perFold, Map<String, Double> mean,
                         Map<String, Double> standardDeviation, boolean duplicateAware, long seed,
                         @JsonInclude(JsonInclude.Include.NON_NULL) FamilyMetrics families) {
    }

    /**
     * @param fold       1-based outer fold
     * @param selected   the family and parameters the inner search selected
     * @param threshold  the threshold chosen on inner out-of-fold scores
     * @param testRows   rows in the outer test fold
     * @param testRowsWithCopyInTrain outer test rows whose exact feature vector is in the outer training rows
     * @param metrics    metrics on the outer test fold
     */
    public record FoldOutcome(int fold, String selected, double threshold, int testRows, int testRowsWithCopyInTrain,
                              Map<String, Double> metrics) {
    }

    /**
     * The outer folds {@link #run} scores, each a list of row indices into {@code data}: the same
     * for the same rows, fold count, seed and duplicate rule (so that a baseline can be computed on
     * exactly these folds).
     */
    public static List<int[]> outerFolds(Dataset data, int folds, TrainingOptions options) {
        return DataSplitter.folds(data, DataSplitter.all(data), folds, options.seed(), options.duplicateAware());
    }

    public static Report run(Dataset data, int folds, TrainingOptions options, Consumer<String> progress) {
        List<int[]> outer = outerFolds(data, folds, options);
        List<FoldOutcome> outcomes = new ArrayList<>();
        Map<String, SummaryStatistics> statistics = new LinkedHashMap<>();
        List<FamilyMetrics> foldFamilies = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            int fold = f + 1;
            int[] train = DataSplitter.concatExcept(outer, f);
            int[] test = outer.get(f);
            TrainingPipeline.HeldOutFit fit = TrainingPipeline.fitAndTestOnce(data, train, test, options,
                    line -> progress.accept("fold " + fold + "/" + folds + ": " + line));
            BinaryMetrics metrics = fit.test();
            Map<String, Double> values = MetricNames.asMap(metrics);
            values.forEach((name, value) -> statistics.computeIfAbsent(name, n -> new SummaryStatistics()).addValue(value));
            if (fit.families() != null) {
                // the fold's test rows as the exported model scored them in fitAndTestOnce
                FamilyMetrics families = new FamilyMetricsCalculator(fit.families().classes(), fit.families().actual(),
                        fit.families().probabilities()).compute(fit.threshold().threshold());
                foldFamilies.add(families);
                Map<String, Double> familyValues = foldValues(families);
                familyValues.forEach((name, value) -> {
                    if (!Double.isNaN(value)) {
                        statistics.computeIfAbsent(name, n -> new SummaryStatistics()).addValue(value);
                    }
                });
                values.putAll(familyValues);
            }
            outcomes.add(new FoldOutcome(fold, fit.search().selectedCandidate().describe(), fit.threshold().threshold(),
                    test.length, TrainingPipeline.testRowsWithCopyInTrain(data, train, test), values));
            progress.accept(String.format("fold %d/%d: accuracy %.4f, ROC AUC %.4f", fold, folds, metrics.accuracy(),
                    metrics.rocAuc()));
        }
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, Double> sd = new LinkedHashMap<>();
        statistics.forEach((name, stats) -> {
            mean.put(name, stats.getMean());
            sd.put(name, stats.getStandardDeviation());
        });
        FamilyMetrics pooled = foldFamilies.isEmpty() ? null : FamilyFolds.pooled(classes(data, foldFamilies), foldFamilies);
        return new Report(folds, outcomes, mean, sd, options.duplicateAware(), options.seed(), pooled);
    }

    /**
     * A fold's per-family figures by name, a class without a row in the fold undefined (NaN) there
     * rather than 0, so that its mean runs over the folds that test it.
     */
    private static Map<String, Double> foldValues(FamilyMetrics families) {
        Map<String, Double> values = FamilyMetricNames.asMap(families);
        for (ClassFigures figures : families.perClass()) {
            if (figures.support() == 0) {
                String key = FamilyMetricNames.key(figures.name());
                for (String figure : List.of("precision_", "recall_", "f1_")) {
                    values.put(figure + key, Double.NaN);
                }
            }
        }
        return values;
    }

    /** The data's classes that some fold's model or test rows have, in the data's order, then any other. */
    private static List<String> classes(Dataset data, List<FamilyMetrics> folds) {
        List<String> seen = new ArrayList<>();
        folds.forEach(fold -> fold.classes().forEach(name -> {
            if (!seen.contains(name)) {
                seen.add(name);
            }
        }));
        List<String> ordered = new ArrayList<>(data.classNames().stream().filter(seen::contains).toList());
        seen.stream().filter(name -> !ordered.contains(name)).forEach(ordered::add);
        return ordered;
    }
}
