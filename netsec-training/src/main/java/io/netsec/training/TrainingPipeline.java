package io.netsec.training;

import io.netsec.core.bundle.BundleManifest;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.bundle.TrainingProvenance;
import io.netsec.core.bundle.TrainingReference;
import io.netsec.core.data.Dataset;
import io.netsec.core.model.PortableModel;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.validate.EncodedProfile;
import io.netsec.experiment.metrics.BinaryMetrics;
import io.netsec.experiment.metrics.BootstrapIntervals;
import io.netsec.experiment.metrics.FamilyMetrics;
import io.netsec.experiment.metrics.FamilyMetricsCalculator;
import io.netsec.experiment.metrics.ManifestMetrics;
import io.netsec.experiment.metrics.MetricNames;
import io.netsec.experiment.metrics.MetricsCalculator;
import io.netsec.experiment.metrics.TestScores;
import io.netsec.experiment.metrics.ThresholdSelector;
import io.netsec.experiment.search.CandidateResult;
import io.netsec.experiment.search.CandidateSelection;
import io.netsec.experiment.split.DataSplitter;
import io.netsec.experiment.split.FeatureVector;
import io.netsec.training.model.TrainedModel;
import io.netsec.training.model.Trainer;
import io.netsec.training.search.ClassTarget;
import io.netsec.training.search.FoldData;
import io.netsec.training.search.ModelSearch;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The honest training protocol, start to finish:
 * <ol>
 *   <li>split the data into a training and a test part (stratified; optionally duplicate-aware);</li>
 *   <li>cross-validate every candidate on the training part and select one (one-standard-error rule);</li>
 *   <li>choose the threshold on the selected candidate's out-of-fold probabilities;</li>
 *   <li>fit the transformation and the selected candidate on the whole training part, export it;</li>
 *   <li>score the test part once, with bootstrap confidence intervals.</li>
 * </ol>
 * The same data, options and seed give the same manifest (but for its creation time).
 */
public final class TrainingPipeline {

    private TrainingPipeline() {
    }

    public static TrainingResult train(Dataset data, LoadedSchema schema, TrainingOptions options, Consumer<String> progress) {
        DataSplitter.Holdout split = split(data, options);
        progress.accept(String.format("split: %d training rows, %d test rows (%s)", split.train().length,
                split.test().length, options.duplicateAware() ? "duplicate-aware" : "stratified"));
        HeldOutFit fit = fitAndTestOnce(data, split.train(), split.test(), options, progress);
        long bootstrapStart = System.nanoTime();
        Map<String, BootstrapIntervals.Interval> intervals = options.bootstrapResamples() == 0 ? Map.of()
                : BootstrapIntervals.compute(fit.calculator(), fit.threshold().threshold(), options.bootstrapResamples(),
                options.seed());
        progress.accept(String.format("bootstrap: %d resamples of the test part in %s", options.bootstrapResamples(),
                seconds(bootstrapStart)));
        int copies = testRowsWithCopyInTrain(data, split.train(), split.test());
        BinaryMetrics test = fit.test();
        progress.accept(String.format("test: accuracy %.4f, ROC AUC %.4f, F1 %.4f at threshold %.4f (%d of %d test rows"
                        + " have an exact copy in the training part)", test.accuracy(), test.rocAuc(), test.f1(),
                fit.threshold().threshold(), copies, split.test().length));
        FamilyMetrics families = null;
        Map<String, BootstrapIntervals.Interval> familyIntervals = Map.of();
        if (fit.families() != null) {
            FamilyMetricsCalculator calculator = new FamilyMetricsCalculator(fit.families().classes(),
                    fit.families().actual(), fit.families().probabilities());
            families = calculator.compute(fit.threshold().threshold());
            familyIntervals = options.bootstrapResamples() == 0 ? Map.of()
                    : calculator.intervals(fit.threshold().threshold(), options.bootstrapResamples(), options.seed());
            progress.accept(String.format("test: macro ROC AUC (one-vs-rest) %.4f, macro F1 %.4f; recall %s",
                    families.macroRocAucOvr(), families.macroF1(), recalls(families)));
        }
        CandidateResult selected = fit.search().selectedCandidate();
        ClassTarget target = ClassTarget.of(data);
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, BundleManifest.PLAIN_FORMAT_VERSION,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), schema.schema().name(), schema.sha256(),
                data.vocabularies(), fit.transform(),
                new BundleManifest.ModelInfo(ModelBundle.MODEL, selected.family(), new TreeMap<>(selected.parameters()),
                        fit.transform().outputNames()),
                new BundleManifest.Threshold(fit.threshold().threshold(), fit.threshold().rule(),
                        fit.threshold().targetFalsePositiveRate()),
                ManifestMetrics.of(test, intervals, selected, fit.scores(), FamilyFigures.of(families, familyIntervals)),
                provenance(data, options, split, fit.search(), copies, fit.exportDifference(), target,
                        fit.finalFitRows()),
                Map.of(), reference(data, options.seed()));
        ModelBundle bundle = options.finish().apply(new ModelBundle(manifest, schema, fit.model()), progress);
        return new TrainingResult(bundle, fit.search(), test, intervals,
                fit.threshold().threshold(), split.train().length, split.test().length, copies, fit.scores(), families,
                familyIntervals);
    }

    /** The training and test rows of {@code data} under {@code options}: the split {@link #train} makes. */
    public static DataSplitter.Holdout split(Dataset data, TrainingOptions options) {
        return DataSplitter.holdout(data, DataSplitter.all(data), options.testFraction(), options.seed(),
                options.duplicateAware());
    }

    /** The most rows a bundle's training reference is profiled from. */
    static final int REFERENCE_ROWS = 200_000;

    /**
     * The distributions of every feature over the rows of {@code data} (a stratified sample of
     * {@value #REFERENCE_ROWS} when there are more: counting the distinct values of ten million
     * rows of a continuous column would hold them all), for the service's drift monitor: the rows
     * the model was made from, as {@code netsec validate --reference} would profile them.
     */
    static TrainingReference reference(Dataset data, long seed) {
        int[] rows = DataSplitter.sample(data, DataSplitter.all(data), REFERENCE_ROWS, seed, false);
        double[][] profiled = new double[rows.length][];
        long threats = 0;
        for (int i = 0; i < rows.length; i++) {
            profiled[i] = data.rows()[rows[i]];
            threats += data.labels()[rows[i]];
        }
        return TrainingReference.of(EncodedProfile.of(TrainingReference.SOURCE, data.features(), data.vocabularies(),
                profiled), threats);
    }

    /**
     * A model selected, thresholded and fitted on {@code trainRows} alone, then scored once on
     * {@code testRows}.
     */
    record HeldOutFit(ModelSearch.Outcome search, ThresholdSelector.Choice threshold, FittedTransform transform,
                      PortableModel model, MetricsCalculator calculator, BinaryMetrics test, double exportDifference,
                      TestScores scores, FamilyScores families, int finalFitRows) {
    }

    /**
     * With attack families, the test rows' classes and class probabilities (by the exported model).
     *
     * @param classes       the model's classes, benign first
     * @param actual        each test row's class
     * @param probabilities each test row's class probabilities
     */
    record FamilyScores(List<String> classes, int[] actual, double[][] probabilities) {
    }

    /** Search on the training rows, threshold on out-of-fold scores, final fit, one scoring of the test rows. */
    static HeldOutFit fitAndTestOnce(Dataset data, int[] trainRows, int[] testRows, TrainingOptions options,
                                     Consumer<String> progress) {
        long searchStart = System.nanoTime();
        ClassTarget target = ClassTarget.of(data);
        List<Trainer> candidates = options.searchBudget().candidates(
                FamilyTraining.candidates(options.candidates(), target), trainRows.length,
                left -> progress.accept("left out: " + left));
        FamilyTraining.leftOut(options.candidates(), target).forEach(left -> progress.accept("left out: " + left));
        if (target.hasFamilies()) {
            progress.accept("classes: " + target.classes() + (target.withoutRows().isEmpty() ? ""
                    : " (no row of " + target.withoutRows() + ", left out of the model)"));
        }
        ModelSearch.Outcome search = ModelSearch.run(data, trainRows, candidates, options.folds(),
                options.seed(), options.duplicateAware(), options.transform(), options.threads(), target,
                options.classWeights(), options.searchBudget(), progress);
        CandidateResult selected = search.selectedCandidate();
        progress.accept(String.format("search: %d candidates x %d folds%s on %d threads in %s",
                candidates.size(), options.folds(), search.sampled(trainRows.length) ? search.rungs().stream()
                        .map(rung -> String.format("%,d", rung.rows()))
                        .collect(Collectors.joining(" then ", " (successive halving on ",
                                String.format(" of %,d training rows)", trainRows.length))) : "",
                options.threads(), seconds(searchStart)));
        progress.accept("selected: " + selected.describe() + String.format(" (CV %s %.4f ± %.4f)",
                target.hasFamilies() ? "macro ROC AUC" : "ROC AUC", selected.meanRocAuc(), selected.standardError()));
        long finalStart = System.nanoTime();
        int[] trainLabels = labels(data, selected.outOfFoldRows());
        ThresholdSelector.Choice threshold = options.targetFalsePositiveRate() == null
                ? ThresholdSelector.bestF1(trainLabels, selected.outOfFold())
                : ThresholdSelector.forFalsePositiveRate(trainLabels, selected.outOfFold(), options.targetFalsePositiveRate());

        // The test rows are touched here, once, after everything above was fixed.
        Trainer trainer = candidates.get(search.selected()).withThreads(options.threads());
        int[] fitRows = FinalFitRows.of(data, trainRows, trainer, options, progress);
        progress.accept(String.format("final fit: %s on %,d training rows%s, then one scoring of the %,d test rows",
                trainer.family(), fitRows.length, FinalFitRows.estimate(selected, fitRows.length, options.threads()),
                testRows.length));
        FoldData finalFit = FoldData.of(data, fitRows, testRows, options.transform(), target, options.classWeights());
        try (TrainedModel trained = trainer.fit(finalFit.train(), options.seed())) {
            PortableModel model = trained.export();
            double[] probabilities = new double[testRows.length];
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = model.threatProbability(finalFit.validation()[i]);
            }
            double difference = maxAbsDifference(probabilities, trained.libraryThreatProbabilities(finalFit.validation()));
            FamilyScores families = null;
            if (target.hasFamilies()) {
                double[][] classProbabilities = FamilyTraining.classProbabilities(model, finalFit.validation());
                difference = Math.max(difference, FamilyTraining.maxAbsDifference(classProbabilities,
                        trained.libraryClassProbabilities(finalFit.validation())));
                families = new FamilyScores(target.classes(), finalFit.validationClasses(), classProbabilities);
            }
            MetricsCalculator calculator = new MetricsCalculator(finalFit.validationLabels(), probabilities);
            TestScores scores = new TestScores(finalFit.validationLabels(), probabilities,
                    finalFit.transform().outputNames(), meanAbsoluteContribution(model, finalFit.validation()));
            progress.accept("final fit on the training part, export and one scoring of the test part in "
                    + seconds(finalStart));
            return new HeldOutFit(search, threshold, finalFit.transform(), model, calculator,
                    calculator.compute(threshold.threshold()), difference, scores, families, fitRows.length);
        }
    }

    private static TrainingProvenance provenance(Dataset data, TrainingOptions options, DataSplitter.Holdout split,
                                                 ModelSearch.Outcome search, int copies, double exportDifference,
                                                 ClassTarget target, int finalFitRows) {
        DataCounts counts = DataCounts.of(data);
        TrainingProvenance.DataProvenance dataProvenance = new TrainingProvenance.DataProvenance(data.source(),
                data.sha256(), data.size(), data.threatCount(), split.train().length, split.test().length, copies,
                counts.duplicateRows(), counts.distinctFeatureVectors(), counts.conflictingVectors());
        TrainingProvenance.Split splitProvenance = new TrainingProvenance.Split(
                options.duplicateAware() ? "duplicate_aware_stratified" : "stratified", options.testFraction());
        List<TrainingProvenance.Candidate> candidates = new ArrayList<>();
        for (CandidateResult candidate : search.candidates()) {
            candidates.add(new TrainingProvenance.Candidate(candidate.family(), new TreeMap<>(candidate.parameters()),
                    candidate.exportable(), candidate.notExportableReason(), candidate.foldRocAuc(), candidate.meanRocAuc(),
                    candidate.standardError(), candidate.meanAccuracy(), candidate.meanLogLoss(), candidate.scoringCost()));
        }
        TrainingProvenance.Search searchProvenance = new TrainingProvenance.Search(options.folds(),
                target.hasFamilies() ? FamilyTraining.MACRO_SCORE : "roc_auc",
                CandidateSelection.RULE,
                search.selected(), candidates, FinalFitRows.budget(search, split.train().length, finalFitRows,
                options.searchBudget()));
        TrainingProvenance.ExportCheck check = new TrainingProvenance.ExportCheck(exportDifference,
                "largest difference between the portable model's and the training library's threat probabilities"
                        + (target.hasFamilies() ? " and class probabilities" : "") + " on the test rows");
        return new TrainingProvenance(dataProvenance, splitProvenance, options.seed(), options.transform(),
                searchProvenance, check, new TreeMap<>(LibraryVersions.all()),
                FamilyTraining.provenance(target, options.classWeights(), options.candidates()));
    }

    /**
     * Repeats in the data: records whose feature vector and label repeat an earlier record's, the
     * distinct feature vectors, and those seen with both labels (a random split puts copies of
     * one vector on both sides; {@code netsec validate} counts the same on the raw rows).
     */
    record DataCounts(long duplicateRows, long distinctFeatureVectors, long conflictingVectors) {
        static DataCounts of(Dataset data) {
            Map<FeatureVector, Integer> labelsSeen = new HashMap<>(); // bit 1: benign, bit 2: threat
            long duplicates = 0;
            for (int row = 0; row < data.size(); row++) {
                int bit = data.labels()[row] == 1 ? 2 : 1;
                int seen = labelsSeen.getOrDefault(new FeatureVector(data.rows()[row]), 0);
                if ((seen & bit) != 0) {
                    duplicates++;
                }
                labelsSeen.put(new FeatureVector(data.rows()[row]), seen | bit);
            }
            long conflicting = labelsSeen.values().stream().filter(seen -> seen == 3).count();
            return new DataCounts(duplicates, labelsSeen.size(), conflicting);
        }
    }

    static int[] labels(Dataset data, int[] rows) {
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = data.labels()[rows[i]];
        }
        return labels;
    }

    /** Test rows whose exact feature vector is also in the training part: the leak a random split allows. */
    static int testRowsWithCopyInTrain(Dataset data, int[] trainRows, int[] testRows) {
        Set<FeatureVector> train = new HashSet<>();
        for (int row : trainRows) {
            train.add(new FeatureVector(data.rows()[row]));
        }
        int copies = 0;
        for (int row : testRows) {
            if (train.contains(new FeatureVector(data.rows()[row]))) {
                copies++;
            }
        }
        return copies;
    }

    /** Each input's mean absolute share of the raw score: a model-agnostic importance from the explanations. */
    private static double[] meanAbsoluteContribution(PortableModel model, double[][] vectors) {
        double[] sums = new double[model.featureCount()];
        // A mean: every row up to IMPORTANCE_ROWS, else rows evenly spaced through the test part.
        int step = Math.max(1, vectors.length / IMPORTANCE_ROWS);
        int explained = 0;
        for (int i = 0; i < vectors.length; i += step) {
            double[] contributions = model.explain(vectors[i]).contributions();
            for (int j = 0; j < sums.length; j++) {
                sums[j] += Math.abs(contributions[j]);
            }
            explained++;
        }
        for (int j = 0; j < sums.length; j++) {
            sums[j] /= Math.max(1, explained);
        }
        return sums;
    }

    /** The most test rows explained for the inputs' importance (two million took minutes). */
    static final int IMPORTANCE_ROWS = 100_000;

    /** Each class's recall on the test part, for the progress line. */
    private static String recalls(FamilyMetrics families) {
        StringBuilder text = new StringBuilder();
        for (var figures : families.perClass()) {
            text.append(text.isEmpty() ? "" : ", ").append(String.format("%s %.4f (%d rows)", figures.name(),
                    figures.recall(), figures.support()));
        }
        return text.toString();
    }

    /** Seconds since {@code start} (a {@link System#nanoTime()}), for progress lines; never in the manifest. */
    static String seconds(long start) {
        return String.format("%.1f s", (System.nanoTime() - start) / 1e9);
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
