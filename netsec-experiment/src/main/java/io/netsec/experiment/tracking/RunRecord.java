package io.netsec.experiment.tracking;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run records for MLflow, as plain values: written to the run folder as
 * {@code tracking/record.json} (with the files under {@code tracking/artifacts/}), and replayed to
 * a server from there, now or later. The same record, whether or not a server is used.
 *
 * @param runName         the parent run's name (the local run id)
 * @param experiment      the MLflow experiment
 * @param registeredModel the registry name the selected model is registered under
 * @param params          parameters of the parent run (data, schema, split, seed, search space)
 * @param tags            tags of the parent run (project version, git commit)
 * @param metrics         test metrics, their 95% intervals, and the selected candidate's CV figures
 * @param candidates      one nested run per candidate
 * @param evaluation      what a champion is compared on
 * @param startTime       when training started (epoch milliseconds; null in records written before it was kept)
 * @param endTime         when training ended, the bundle and the run folder written (epoch milliseconds, or null)
 */
public record RunRecord(
        @JsonProperty("run_name") String runName,
        String experiment,
        @JsonProperty("registered_model") String registeredModel,
        Map<String, String> params,
        Map<String, String> tags,
        Map<String, Double> metrics,
        List<CandidateRun> candidates,
        Evaluation evaluation,
        @JsonProperty("start_time") Long startTime,
        @JsonProperty("end_time") Long endTime) {

    /** The artifact folder (inside the parent run) that holds the model bundle. */
    public static final String MODEL_ARTIFACT = "model";

    /** The tag MLflow's UI shows as the run's user; the publisher also sends it as the run's user id. */
    public static final String USER_TAG = "mlflow.user";

    public RunRecord {
        params = Map.copyOf(params);
        tags = Map.copyOf(tags);
        metrics = Map.copyOf(metrics);
        candidates = List.copyOf(candidates);
    }

    /**
     * One candidate of the search, as a nested run.
     *
     * @param name       e.g. {@code j48(confidence=0.25, minLeaf=2)}
     * @param params     its family and hyper-parameters
     * @param tags       e.g. whether it was selected
     * @param metrics    its cross-validation figures
     * @param foldRocAuc ROC AUC of each fold, logged as one metric with one step per fold
     */
    public record CandidateRun(String name, Map<String, String> params, Map<String, String> tags,
                               Map<String, Double> metrics, @JsonProperty("fold_roc_auc") List<Double> foldRocAuc) {

        public CandidateRun {
            params = Map.copyOf(params);
            tags = Map.copyOf(tags);
            metrics = Map.copyOf(metrics);
            foldRocAuc = List.copyOf(foldRocAuc);
        }
    }

    /**
     * A figure that is comparable between two models only when both were tested on the same rows:
     * the same data bytes, schema, split and seed (summarised in {@code key}).
     *
     * @param metric     the metric compared, e.g. {@code test_roc_auc} (higher is better)
     * @param value      its value for this run
     * @param dataSha256 the data's SHA-256
     * @param key        a hash of data, schema, split and seed: equal keys mean the same test rows
     */
    public record Evaluation(String metric, double value, @JsonProperty("data_sha256") String dataSha256, String key) {
    }
}
