package io.netsec.experiment.tracking;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;

/**
 * Replays a {@link RunRecord} to an MLflow server: the parent run with its params, tags and
 * metrics (in batches), one nested run per candidate, the run folder's files as artifacts, and
 * the registry version with its alias.
 */
public final class MlflowPublisher {

    /** MLflow's log-batch limits per request. */
    private static final int MAX_METRICS = 1000;
    private static final int MAX_PARAMS = 100;
    private static final int MAX_TAGS = 100;

    private final MlflowConnection connection;
    private final Consumer<String> progress;

    /** Publishes to {@code connection}, reporting each step (never a secret) on {@code progress}. */
    public MlflowPublisher(MlflowConnection connection, Consumer<String> progress) {
        this.connection = connection;
        this.progress = progress;
    }

    /**
     * Publishes {@code record} with the files of {@code runDir} that {@code include} accepts. Where
     * the server offers MLflow 3's logged models, the bundle ({@code runDir}'s
     * {@value RunRecord#MODEL_ARTIFACT} folder) is also logged as the run's model and the registry
     * version points at it ({@code models:/m-...}); elsewhere the version points at the run's
     * {@value RunRecord#MODEL_ARTIFACT} artifact folder, as before.
     *
     * @param onRunCreated told the parent run's id as soon as it exists, so a failure later can name it
     * @throws TrackingException when the server cannot be reached or refuses a call
     */
    public PublishedRun publish(RunRecord record, Path runDir, java.util.function.Predicate<String> include,
                                Consumer<String> onRunCreated) {
        try (MlflowClient client = connection.client()) {
            String experimentId = client.getExperimentByName(record.experiment())
                    .map(Service.Experiment::getExperimentId)
                    .orElseGet(() -> client.createExperiment(record.experiment()));
            // The run spans the training, not this upload (records written before that was kept: now).
            long now = System.currentTimeMillis();
            long start = record.startTime() != null ? record.startTime() : now;
            long end = record.endTime() != null ? Math.max(start, record.endTime()) : now;
            Service.CreateRun.Builder create = Service.CreateRun.newBuilder().setExperimentId(experimentId)
                    .setRunName(record.runName()).setStartTime(start);
            String user = record.tags().get(RunRecord.USER_TAG);
            if (user != null) {
                create.setUserId(user);
            }
            Service.RunInfo parent = client.createRun(create.build());
            String runId = parent.getRunId();
            onRunCreated.accept(runId);
            progress.accept("MLflow: run " + runId + " in experiment '" + record.experiment() + "' at " + connection);
            logBatch(client, runId, record.params(), record.tags(), record.metrics(), List.of(), end);

            List<String> candidateRuns = new ArrayList<>();
            for (RunRecord.CandidateRun candidate : record.candidates()) {
                // Candidates are searched inside the training; their own times are not kept, so they carry its span.
                Service.CreateRun.Builder nested = Service.CreateRun.newBuilder().setExperimentId(experimentId)
                        .setRunName(candidate.tags().getOrDefault("mlflow.runName", candidate.name()))
                        .setStartTime(start).addTags(tag("mlflow.parentRunId", runId));
                Map<String, String> candidateTags = candidate.tags();
                if (user != null) {
                    nested.setUserId(user);
                    candidateTags = new java.util.LinkedHashMap<>(candidateTags);
                    candidateTags.put(RunRecord.USER_TAG, user);
                }
                String nestedId = client.createRun(nested.build()).getRunId();
                logBatch(client, nestedId, candidate.params(), candidateTags, candidate.metrics(),
                        candidate.foldRocAuc(), end);
                client.setTerminated(nestedId, Service.RunStatus.FINISHED, end);
                candidateRuns.add(nestedId);
            }
            progress.accept("MLflow: " + candidateRuns.size() + " nested candidate runs logged");

            MlflowArtifacts artifacts = new MlflowArtifacts(connection);
            List<String> uploaded = artifacts.uploadTree(parent.getArtifactUri(), runDir, include);
            progress.accept("MLflow: " + uploaded.size() + " artifacts uploaded");

            Optional<LoggedModels.LoggedModel> logged = logModel(client, artifacts, record, experimentId, runId,
                    runDir.resolve(RunRecord.MODEL_ARTIFACT));
            String source = logged.map(LoggedModels.LoggedModel::source)
                    .orElse(parent.getArtifactUri() + "/" + RunRecord.MODEL_ARTIFACT);
            PromotionDecision decision = register(client, record, runId, source, logged);
            client.setTerminated(runId, Service.RunStatus.FINISHED, end);
            return new PublishedRun(connection.toString(), experimentId, runId, candidateRuns, uploaded, decision,
                    logged.map(LoggedModels.LoggedModel::id).orElse(null));
        } catch (MlflowClientException e) {
            throw new TrackingException("MLflow at " + connection + " failed: " + describe(e), e);
        } catch (IOException e) {
            throw new TrackingException("MLflow at " + connection + " failed: " + connection.mask(e.getMessage()), e);
        }
    }

    /**
     * Logs the bundle in {@code bundle} as the run's model: created, linked to the run, its files
     * uploaded byte for byte, marked ready. Empty, with one line of progress, on a server without
     * logged models (MLflow 2).
     */
    private Optional<LoggedModels.LoggedModel> logModel(MlflowClient client, MlflowArtifacts artifacts, RunRecord record,
                                                        String experimentId, String runId, Path bundle)
            throws IOException {
        LoggedModels models = new LoggedModels(client);
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String key : List.of("selected_family", "selected_parameters", "schema_name", "threshold_rule")) {
            if (record.params().containsKey(key)) {
                params.put(key, record.params().get(key));
            }
        }
        Optional<LoggedModels.LoggedModel> logged = models.create(experimentId, runId, RunRecord.MODEL_ARTIFACT, params,
                Map.of("netsec.local_run_id", record.runName()));
        if (logged.isEmpty()) {
            progress.accept("MLflow: the server has no logged models (MLflow 2); the version's source is the run's '"
                    + RunRecord.MODEL_ARTIFACT + "' artifact folder");
            return logged;
        }
        models.linkToRun(runId, logged.get());
        List<String> files = models.upload(artifacts, logged.get(), bundle);
        progress.accept("MLflow: logged model " + logged.get().id() + " (" + files.size() + " files) on the run");
        return logged;
    }

    private PromotionDecision register(MlflowClient client, RunRecord record, String runId, String source,
                                       Optional<LoggedModels.LoggedModel> logged) {
        ModelRegistry registry = new ModelRegistry(client);
        String name = record.registeredModel();
        registry.ensureRegisteredModel(name);
        RunRecord.Evaluation evaluation = record.evaluation();
        ModelRegistry.ModelVersion version = registry.createVersion(name, source, runId,
                logged.map(LoggedModels.LoggedModel::id).orElse(null), Map.of(
                PromotionDecision.TAG_EVALUATION_KEY, evaluation.key(),
                PromotionDecision.TAG_METRIC, evaluation.metric(),
                PromotionDecision.TAG_VALUE, String.valueOf(evaluation.value()),
                "netsec.data_sha256", evaluation.dataSha256()));
        PromotionDecision decision = PromotionDecision.decide(version.version(), evaluation,
                registry.versionByAlias(name, PromotionDecision.CHAMPION));
        registry.setAlias(name, decision.alias(), version.version());
        registry.setVersionTag(name, version.version(), "netsec.decision", decision.reason());
        logged.ifPresent(model -> new LoggedModels(client).tagVersion(model, name, version.version()));
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        tags.put("netsec.registry.model", name);
        tags.put("netsec.registry.version", version.version());
        tags.put("netsec.registry.alias", decision.alias());
        tags.put("netsec.registry.decision", decision.reason());
        if (decision.championVersion() != null) {
            tags.put("netsec.registry.compared_with_version", decision.championVersion());
        }
        Map<String, Double> figures = new java.util.LinkedHashMap<>();
        figures.put("registry_candidate_" + decision.metric(), decision.value());
        if (decision.championValue() != null) {
            figures.put("registry_champion_" + decision.metric(), decision.championValue());
        }
        logBatch(client, runId, Map.of(), tags, figures, List.of(), System.currentTimeMillis());
        progress.accept("MLflow: registered " + name + " version " + version.version() + " as " + decision.reason());
        return decision;
    }

    /** Sends params, tags and metrics in as few log-batch requests as MLflow's limits allow. */
    private static void logBatch(MlflowClient client, String runId, Map<String, String> params, Map<String, String> tags,
                                 Map<String, Double> metrics, List<Double> foldRocAuc, long timestamp) {
        List<Service.Metric> metricList = new ArrayList<>();
        metrics.forEach((key, value) -> metricList.add(Service.Metric.newBuilder().setKey(key).setValue(value)
                .setTimestamp(timestamp).setStep(0).build()));
        for (int fold = 0; fold < foldRocAuc.size(); fold++) {
            metricList.add(Service.Metric.newBuilder().setKey("cv_roc_auc_fold").setValue(foldRocAuc.get(fold))
                    .setTimestamp(timestamp).setStep(fold).build());
        }
        List<Service.Param> paramList = params.entrySet().stream()
                .map(e -> Service.Param.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build()).toList();
        List<Service.RunTag> tagList = tags.entrySet().stream().map(e -> tag(e.getKey(), e.getValue())).toList();
        int batches = Math.max(Math.max(chunks(metricList.size(), MAX_METRICS), chunks(paramList.size(), MAX_PARAMS)),
                chunks(tagList.size(), MAX_TAGS));
        for (int b = 0; b < batches; b++) {
            client.logBatch(runId, slice(metricList, b, MAX_METRICS), slice(paramList, b, MAX_PARAMS),
                    slice(tagList, b, MAX_TAGS));
        }
    }

    private static Service.RunTag tag(String key, String value) {
        return Service.RunTag.newBuilder().setKey(key).setValue(value).build();
    }

    private static int chunks(int size, int limit) {
        return (size + limit - 1) / limit;
    }

    private static <T> List<T> slice(List<T> list, int batch, int limit) {
        int from = Math.min(list.size(), batch * limit);
        return list.subList(from, Math.min(list.size(), from + limit));
    }

    /** The client's messages can carry the whole response body; keep the first line, secrets masked. */
    private String describe(MlflowClientException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null) {
            message = message + " (" + cause.getMessage() + ")";
        }
        int newline = message.indexOf('\n');
        return connection.mask(newline < 0 ? message : message.substring(0, newline));
    }
}
