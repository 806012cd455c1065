package io.netsec.spark;

import io.netsec.core.bundle.BundleManifest;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.bundle.TrainingProvenance;
import io.netsec.core.data.DataException;
import io.netsec.core.model.PortableModel;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.TransformFitter;
import io.netsec.core.transform.TransformOptions;
import io.netsec.experiment.metrics.BinaryMetrics;
import io.netsec.experiment.metrics.BootstrapIntervals;
import io.netsec.experiment.metrics.ManifestMetrics;
import io.netsec.experiment.metrics.MetricsCalculator;
import io.netsec.experiment.metrics.TestScores;
import io.netsec.experiment.metrics.ThresholdSelector;
import io.netsec.experiment.search.CandidateResult;
import io.netsec.experiment.search.CandidateSelection;
import io.netsec.experiment.search.ScoringCost;
import io.netsec.experiment.split.DataSplitter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code netsec train}'s protocol ({@code TrainingPipeline}) with MLlib's learners over a Spark
 * DataFrame:
 * <ol>
 *   <li>the rows are encoded by netsec-core's encoder ({@link TrainingRows}) and split into a
 *       training and a test part by their classes, as {@code netsec train} splits them
 *       ({@link DataSplitter}: the same rows for the same file, seed and fraction);</li>
 *   <li>every candidate ({@link MllibCandidate}) is cross-validated on the training part, each
 *       fold's transformation fitted on that fold's training rows, and one is selected by the
 *       one-standard-error rule ({@link CandidateSelection});</li>
 *   <li>the threshold is chosen on the selected candidate's out-of-fold probabilities;</li>
 *   <li>the transformation and the selected candidate are fitted on the whole training part and
 *       exported ({@link MllibExport});</li>
 *   <li>the test part is scored once, by the exported model, with bootstrap intervals.</li>
 * </ol>
 * The transformation is fitted on the driver from the training rows, or from a seeded sample of
 * at most {@link Options#transformRows()} of them when the part is larger (its size is then in the
 * manifest's model parameters, {@code transform_fit_rows}). Row labels (a byte a row), the fold of
 * each row, the out-of-fold and the test probabilities come to the driver: a few bytes a row.
 */
final class SparkTraining {

    /** The low bits of a row's assignment: its fold, or {@link #TEST} for the test part. */
    static final int FOLD_BITS = 0x3F;
    static final byte TEST = 0x3F;
    /** The bit of a training row in the sample the transformation is fitted on. */
    static final int SAMPLE = 0x40;

    private SparkTraining() {
    }

    /**
     * @param testFraction       share of rows held out for the one test scoring
     * @param folds              cross-validation folds on the training part
     * @param seed               seeds the split, the folds, every fit, the sample and the bootstrap
     * @param candidates         the search space
     * @param bootstrapResamples resamples of the test part for the 95% intervals
     * @param transformRows      at most this many training rows fit the transformation
     */
    record Options(double testFraction, int folds, long seed, List<MllibCandidate> candidates, int bootstrapResamples,
                   int transformRows) {
        Options {
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("--test-fraction must be between 0 and 1, got " + testFraction);
            }
            if (folds < 2 || folds >= TEST) {
                throw new IllegalArgumentException("--folds must be from 2 to " + (TEST - 1) + ", got " + folds);
            }
            if (candidates.isEmpty() || bootstrapResamples < 0 || transformRows < 1) {
                throw new IllegalArgumentException("no candidate, negative resamples or no transformation rows");
            }
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * What a training produced.
     *
     * @param bundle           the bundle, not yet written
     * @param candidates       every candidate's cross-validation, in search order
     * @param selected         the index of the selected one
     * @param test             the test metrics at the threshold
     * @param exportDifference the largest difference between the exported model's and MLlib's
     *                         probability over the test rows
     * @param scores           the test rows' labels and probabilities (by the exported model)
     */
    record Result(ModelBundle bundle, List<CandidateResult> candidates, int selected, BinaryMetrics test,
                  Map<String, BootstrapIntervals.Interval> intervals, double threshold, int trainRows, int testRows,
                  double exportDifference, TestScores scores) {

        /** The result with the bundle as written (its manifest lists the files' checksums). */
        Result withBundle(ModelBundle written) {
            return new Result(written, candidates, selected, test, intervals, threshold, trainRows, testRows,
                    exportDifference, scores);
        }
    }

    static Result train(SparkSession spark, Dataset<Row> input, LoadedSchema schema, String source, Options options,
                        Consumer<String> progress) {
        List<List<String>> vocabularies = requireTrainable(schema);
        long started = System.nanoTime();
        Dataset<Row> encoded = TrainingRows.encode(spark, input, schema, vocabularies, source)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            int[] labels = TrainingRows.labels(encoded);
            if (labels.length < 2 * options.folds()) {
                throw new DataException(source, -1, null, "too few rows to train on: " + labels.length);
            }
            DataSplitter.Holdout split = DataSplitter.holdout(labels, 2, options.testFraction(), options.seed());
            List<int[]> folds = DataSplitter.folds(labels, 2, split.train(), options.folds(), options.seed());
            progress.accept(String.format("split: %,d rows read and encoded, %,d training rows, %,d test rows"
                    + " (stratified) in %s", labels.length, split.train().length, split.test().length, seconds(started)));
            byte[] assignment = new byte[labels.length];
            Arrays.fill(assignment, TEST);
            for (int f = 0; f < folds.size(); f++) {
                for (int row : folds.get(f)) {
                    assignment[row] = (byte) f;
                }
            }
            int[] sampleRows = sample(split.train(), options.transformRows(), options.seed());
            for (int row : sampleRows) {
                assignment[row] |= SAMPLE;
            }
            Broadcast<byte[]> assigned = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(assignment);
            TransformSample transformSample = TransformSample.collect(encoded, assigned, sampleRows, schema.schema(),
                    vocabularies, source);
            progress.accept(String.format("transformation: fitted on %,d training rows%s", sampleRows.length,
                    sampleRows.length < split.train().length ? " (a seeded sample)" : ""));

            List<CandidateResult> results = CrossValidation.run(spark, encoded, assigned, transformSample, split.train(),
                    labels, folds, options, progress, started);
            int selected = CandidateSelection.oneStandardError(results);
            CandidateResult chosen = results.get(selected);
            progress.accept(String.format("selected: %s (CV ROC AUC %.4f ± %.4f) after %s", chosen.describe(),
                    chosen.meanRocAuc(), chosen.standardError(), seconds(started)));
            int[] trainLabels = Arrays.stream(split.train()).map(row -> labels[row]).toArray();
            ThresholdSelector.Choice threshold = ThresholdSelector.bestF1(trainLabels, chosen.outOfFold());

            // The test rows are touched here, once, after everything above was fixed.
            long finalStart = System.nanoTime();
            FittedTransform transform = transformSample.fit(-1);
            MllibCandidate candidate = options.candidates().get(selected);
            Dataset<Row> frame = CrossValidation.features(spark, encoded, assigned, new ShippedTransform(transform))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            Model<?> model;
            FinalScoring.Scored scored;
            try {
                model = candidate.estimator(options.seed()).fit(frame.filter(CrossValidation.FOLD + " <> " + TEST));
                scored = FinalScoring.score(model, frame.filter(CrossValidation.FOLD + " = " + TEST),
                        transform.outputWidth());
            } finally {
                frame.unpersist();
            }
            PortableModel portable = MllibExport.export(model, transform.outputWidth());
            MetricsCalculator calculator = new MetricsCalculator(scored.labels(), scored.probabilities());
            BinaryMetrics test = calculator.compute(threshold.threshold());
            progress.accept(String.format("final fit on the training part, export and one scoring of the test part in"
                    + " %s (largest difference from MLlib's probabilities: %.3g)", seconds(finalStart),
                    scored.exportDifference()));
            long bootstrapStart = System.nanoTime();
            Map<String, BootstrapIntervals.Interval> intervals = options.bootstrapResamples() == 0 ? Map.of()
                    : BootstrapIntervals.compute(calculator, threshold.threshold(), options.bootstrapResamples(),
                    options.seed());
            progress.accept(String.format("bootstrap: %d resamples of the test part in %s", options.bootstrapResamples(),
                    seconds(bootstrapStart)));
            TrainingRows.Counts counts = TrainingRows.counts(spark, encoded, assigned, TEST);
            progress.accept(String.format("test: accuracy %.4f, ROC AUC %.4f, F1 %.4f at threshold %.4f (%d of %d test"
                            + " rows have an exact copy in the training part)", test.accuracy(), test.rocAuc(), test.f1(),
                    threshold.threshold(), counts.testRowsWithCopyInTrain(), split.test().length));
            TestScores scores = new TestScores(scored.labels(), scored.probabilities(), transform.outputNames(),
                    scored.meanAbsoluteContribution());

            Map<String, Object> parameters = new TreeMap<>(chosen.parameters());
            if (sampleRows.length < split.train().length) {
                parameters.put("transform_fit_rows", sampleRows.length);
            }
            long threats = Arrays.stream(labels).filter(label -> label == 1).count();
            TrainingProvenance provenance = new TrainingProvenance(
                    new TrainingProvenance.DataProvenance(source, null, labels.length, threats, split.train().length,
                            split.test().length, counts.testRowsWithCopyInTrain(), counts.duplicateRows(),
                            counts.distinctFeatureVectors(), counts.conflictingVectors()),
                    new TrainingProvenance.Split("stratified", options.testFraction()), options.seed(),
                    TransformOptions.DEFAULTS,
                    new TrainingProvenance.Search(options.folds(), "roc_auc", CandidateSelection.RULE, selected,
                            results.stream().map(SparkTraining::candidate).toList()),
                    new TrainingProvenance.ExportCheck(scored.exportDifference(), "largest difference between the"
                            + " portable model's and Spark MLlib's threat probabilities on the test rows"),
                    Map.of("spark", spark.version(), "scala", scala.util.Properties.versionNumberString()));
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, BundleManifest.PLAIN_FORMAT_VERSION,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), schema.schema().name(), schema.sha256(),
                    vocabularies, transform,
                    new BundleManifest.ModelInfo(ModelBundle.MODEL, chosen.family(), parameters, transform.outputNames()),
                    new BundleManifest.Threshold(threshold.threshold(), threshold.rule(),
                            threshold.targetFalsePositiveRate()),
                    ManifestMetrics.of(test, intervals, chosen, scores, null), provenance, Map.of());
            return new Result(new ModelBundle(manifest, schema, portable), results, selected, test, intervals,
                    threshold.threshold(), split.train().length, split.test().length, scored.exportDifference(), scores);
        } finally {
            encoded.unpersist();
        }
    }

    /**
     * The feature vocabularies of a schema this training takes.
     *
     * @throws IllegalArgumentException for a label with attack families, or a categorical feature
     *         without allowed values
     */
    static List<List<String>> requireTrainable(LoadedSchema schema) {
        if (schema.schema().label().hasFamilies()) {
            throw new IllegalArgumentException("netsec-spark train learns threat or benign; the schema's label has attack"
                    + " families (train it with netsec train)");
        }
        return TrainingRows.vocabularies(schema.schema());
    }

    private static TrainingProvenance.Candidate candidate(CandidateResult c) {
        return new TrainingProvenance.Candidate(c.family(), new TreeMap<>(c.parameters()), c.exportable(),
                c.notExportableReason(), c.foldRocAuc(), c.meanRocAuc(), c.standardError(), c.meanAccuracy(),
                c.meanLogLoss(), c.scoringCost());
    }

    /** At most {@code limit} of {@code rows} (sorted), drawn without replacement by {@code seed}; all when fewer. */
    static int[] sample(int[] rows, int limit, long seed) {
        if (rows.length <= limit) {
            return rows.clone();
        }
        int[] shuffled = rows.clone();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (int i = 0; i < limit; i++) {
            int j = i + random.nextInt(shuffled.length - i);
            int swap = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = swap;
        }
        int[] chosen = Arrays.copyOf(shuffled, limit);
        Arrays.sort(chosen);
        return chosen;
    }

    /** Seconds since {@code start}, for progress lines. */
    static String seconds(long start) {
        return String.format("%.1f s", (System.nanoTime() - start) / 1e9);
    }
}
