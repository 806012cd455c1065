package io.netsec.experiment.tracking;

import io.netsec.core.Sha256;
import io.netsec.core.bundle.BundleJson;
import io.netsec.core.bundle.BundleManifest;
import io.netsec.core.bundle.TrainingProvenance;
import io.netsec.experiment.metrics.BinaryMetrics;
import io.netsec.experiment.metrics.BootstrapIntervals;
import io.netsec.experiment.metrics.FamilyMetricNames;
import io.netsec.experiment.metrics.FamilyMetrics;
import io.netsec.experiment.metrics.MetricNames;
import io.netsec.experiment.search.CandidateResult;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Describes a finished training run as a {@link RunRecord}: what MLflow gets, named the MLflow
 * way. One description for {@code netsec train} and {@code netsec-spark train}, so that their runs
 * sit side by side in one experiment and compete for one registered model.
 */
public final class RunDescription {

    /** The figure champions are compared on: the held-out ROC AUC, which does not depend on the threshold. */
    public static final String COMPARED_METRIC = "test_roc_auc";

    /** MLflow refuses longer parameter values. */
    private static final int MAX_PARAM_LENGTH = 6000;

    private RunDescription() {
    }

    /**
     * A finished run, whatever trained it.
     *
     * @param runId                   the run's id (its folder's name)
     * @param manifest                the written bundle's manifest
     * @param candidates              every candidate's cross-validation, in search order
     * @param selected                the selected candidate's index
     * @param test                    the test metrics at the threshold
     * @param testIntervals           their 95% intervals
     * @param threshold               the threshold
     * @param trainRows               rows in the training part
     * @param testRows                rows in the test part
     * @param testRowsWithCopyInTrain test rows whose feature vector is also in the training part
     * @param testFamilies            with attack families, their test figures; else null
     * @param testFamilyIntervals     their intervals (empty without families)
     */
    public record Finished(String runId, BundleManifest manifest, List<CandidateResult> candidates, int selected,
                           BinaryMetrics test, Map<String, BootstrapIntervals.Interval> testIntervals, double threshold,
                           long trainRows, long testRows, long testRowsWithCopyInTrain, FamilyMetrics testFamilies,
                           Map<String, BootstrapIntervals.Interval> testFamilyIntervals, Instant started,
                           Instant ended) {
    }

    /** The record of {@code run}. */
    public static RunRecord of(Finished run, TrackingSettings settings) {
        Finished result = run;
        BundleManifest manifest = run.manifest();
        TrainingProvenance training = manifest.training();
        TrainingProvenance.DataProvenance data = training.data();
        TrainingProvenance.Split split = training.split();

        Map<String, String> params = new LinkedHashMap<>();
        put(params, "data_source", data.source());
        put(params, "data_sha256", data.sha256());
        put(params, "data_rows", String.valueOf(data.rows()));
        put(params, "data_threat_rows", String.valueOf(data.threatRows()));
        put(params, "train_rows", String.valueOf(result.trainRows()));
        put(params, "test_rows", String.valueOf(result.testRows()));
        put(params, "schema_name", manifest.schemaName());
        put(params, "schema_sha256", manifest.schemaSha256());
        put(params, "split_kind", split.kind());
        put(params, "split_test_fraction", String.valueOf(split.testFraction()));
        put(params, "seed", String.valueOf(training.seed()));
        put(params, "search_folds", String.valueOf(training.search().folds()));
        put(params, "search_score", training.search().score());
        put(params, "search_space", searchSpace(result.candidates()));
        put(params, "search_space_size", String.valueOf(result.candidates().size()));
        put(params, "transform", json(training.transformOptions()));
        put(params, "selected_family", manifest.model().family());
        put(params, "selected_parameters", json(manifest.model().parameters()));
        put(params, "threshold_rule", manifest.threshold().rule());
        if (manifest.threshold().targetFalsePositiveRate() != null) {
            put(params, "threshold_target_fpr", String.valueOf(manifest.threshold().targetFalsePositiveRate()));
        }

        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlflow.runName", run.runId());
        tags.put("netsec.version", settings.projectVersion());
        tags.put("netsec.local_run_id", run.runId());
        tags.put(RunRecord.USER_TAG, settings.user());
        if (settings.gitCommit() != null) {
            tags.put("mlflow.source.git.commit", settings.gitCommit());
        }

        Map<String, Double> metrics = new LinkedHashMap<>();
        BinaryMetrics test = result.test();
        MetricNames.asMap(test).forEach((name, value) -> metrics.put("test_" + name, value));
        result.testIntervals().forEach((name, interval) -> {
            metrics.put("test_" + name + "_ci95_low", interval.low());
            metrics.put("test_" + name + "_ci95_high", interval.high());
        });
        BinaryMetrics.ConfusionMatrix confusion = test.confusion();
        metrics.put("test_true_positives", (double) confusion.truePositives());
        metrics.put("test_false_positives", (double) confusion.falsePositives());
        metrics.put("test_true_negatives", (double) confusion.trueNegatives());
        metrics.put("test_false_negatives", (double) confusion.falseNegatives());
        metrics.put("test_rows_with_copy_in_train", (double) result.testRowsWithCopyInTrain());
        metrics.put("threshold", result.threshold());
        CandidateResult selected = result.candidates().get(result.selected());
        metrics.put("cv_roc_auc_mean", selected.meanRocAuc());
        metrics.put("cv_roc_auc_standard_error", selected.standardError());
        if (result.testFamilies() != null) {
            metrics.putAll(familyMetrics(result.testFamilies(), result.testFamilyIntervals()));
        }
        metrics.values().removeIf(value -> value == null || !Double.isFinite(value));

        List<RunRecord.CandidateRun> candidates = new ArrayList<>();
        List<CandidateResult> all = result.candidates();
        for (int i = 0; i < all.size(); i++) {
            candidates.add(candidate(all.get(i), i, i == result.selected()));
        }

        String dataSha256 = data.sha256() == null ? "" : data.sha256();
        String key = Sha256.of(String.join("\n", dataSha256, manifest.schemaSha256(), split.kind(),
                String.valueOf(split.testFraction()), String.valueOf(training.seed())).getBytes(StandardCharsets.UTF_8));
        RunRecord.Evaluation evaluation = new RunRecord.Evaluation(COMPARED_METRIC, test.rocAuc(), dataSha256, key);
        return new RunRecord(run.runId(), settings.experiment(), settings.registeredModel(), params, tags, metrics,
                candidates, evaluation, run.started().toEpochMilli(), run.ended().toEpochMilli());
    }

    /**
     * A family model's per-family test figures as MLflow metrics: {@code test_recall_dos},
     * {@code test_macro_f1}, ... ({@link FamilyMetricNames}) with {@code _ci95_low}/{@code _ci95_high}
     * for those with an interval, and the confusion matrix's cells as
     * {@code test_confusion_<actual>_<called>}. Undefined figures (NaN) are left out, as MLflow
     * refuses them.
     */
    public static Map<String, Double> familyMetrics(FamilyMetrics families, Map<String, BootstrapIntervals.Interval> intervals) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        FamilyMetricNames.asMap(families).forEach((name, value) -> metrics.put("test_" + name, value));
        intervals.forEach((name, interval) -> {
            metrics.put("test_" + name + "_ci95_low", interval.low());
            metrics.put("test_" + name + "_ci95_high", interval.high());
        });
        long[][] confusion = families.confusion();
        for (int actual = 0; actual < confusion.length; actual++) {
            for (int called = 0; called < confusion.length; called++) {
                metrics.put("test_confusion_" + FamilyMetricNames.key(families.classes().get(actual)) + "_"
                        + FamilyMetricNames.key(families.classes().get(called)), (double) confusion[actual][called]);
            }
        }
        metrics.values().removeIf(value -> value == null || !Double.isFinite(value));
        return metrics;
    }

    private static RunRecord.CandidateRun candidate(CandidateResult candidate, int index, boolean selected) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("family", candidate.family());
        candidate.parameters().forEach((name, value) -> put(params, name, String.valueOf(value)));
        params.put("exportable", String.valueOf(candidate.exportable()));
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlflow.runName", String.format("candidate-%02d-%s", index, candidate.family()));
        tags.put("netsec.candidate", candidate.describe());
        tags.put("netsec.selected", String.valueOf(selected));
        if (candidate.notExportableReason() != null) {
            tags.put("netsec.not_exportable_reason", candidate.notExportableReason());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("cv_roc_auc_mean", candidate.meanRocAuc());
        metrics.put("cv_roc_auc_standard_error", candidate.standardError());
        metrics.put("cv_accuracy_mean", candidate.meanAccuracy());
        metrics.put("cv_log_loss_mean", candidate.meanLogLoss());
        metrics.put("scoring_cost", candidate.scoringCost());
        metrics.values().removeIf(value -> !Double.isFinite(value));
        List<Double> folds = new ArrayList<>();
        for (double auc : candidate.foldRocAuc()) {
            folds.add(auc);
        }
        return new RunRecord.CandidateRun(candidate.describe(), params, tags, metrics, folds);
    }

    /** A value as compact JSON (the parameter MLflow shows). */
    private static String json(Object value) {
        try {
            return BundleJson.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // plain values: not expected
        }
    }

    private static String searchSpace(List<CandidateResult> candidates) {
        String joined = String.join("; ", candidates.stream().map(CandidateResult::describe).toList());
        // The full list is in candidates.json among the artifacts; the parameter only has to fit.
        return joined.length() <= MAX_PARAM_LENGTH ? joined : joined.substring(0, MAX_PARAM_LENGTH - 3) + "...";
    }

    private static void put(Map<String, String> params, String name, String value) {
        if (value != null && !value.isEmpty()) {
            params.put(name, value.length() <= MAX_PARAM_LENGTH ? value : value.substring(0, MAX_PARAM_LENGTH - 3) + "...");
        }
    }
}
