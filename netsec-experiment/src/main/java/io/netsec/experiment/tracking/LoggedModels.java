package io.netsec.experiment.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netsec.core.bundle.BundleJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;

/**
 * MLflow 3's logged models ({@code /api/2.0/mlflow/logged-models}), the way MLflow's own
 * {@code log_model} makes them: created for a run, linked to it as an output, the files uploaded
 * under the model's own artifact folder, then marked ready. The Java client (2.17.2) has no such
 * calls, so they are sent as JSON through its authenticated transport, like {@link ModelRegistry}.
 */
final class LoggedModels {

    /** The status MLflow shows as "Ready"; a model whose upload failed is marked {@value #FAILED}. */
    static final String READY = "LOGGED_MODEL_READY";
    static final String FAILED = "LOGGED_MODEL_UPLOAD_FAILED";
    /** The tag MLflow's UI reads to list a logged model's registry versions. */
    static final String VERSIONS_TAG = "mlflow.modelVersions";

    private final MlflowClient client;

    LoggedModels(MlflowClient client) {
        this.client = client;
    }

    /**
     * A logged model.
     *
     * @param id          e.g. {@code m-0d5ceb098a074cdaa625021581ac2744}
     * @param artifactUri its artifact folder, e.g. {@code mlflow-artifacts:/2/models/m-.../artifacts}
     */
    record LoggedModel(String id, String artifactUri) {

        /** The registry source that names it. */
        String source() {
            return "models:/" + id;
        }
    }

    /**
     * Creates a pending logged model named {@code name} for run {@code runId}; empty when the
     * server has no logged-models API (MLflow 2 answers 404, {@code ENDPOINT_NOT_FOUND}).
     */
    Optional<LoggedModel> create(String experimentId, String runId, String name, Map<String, String> params,
                                 Map<String, String> tags) {
        ObjectNode body = BundleJson.MAPPER.createObjectNode().put("experiment_id", experimentId).put("name", name)
                .put("model_type", "netsec-bundle").put("source_run_id", runId);
        keyValues(body.putArray("params"), params);
        keyValues(body.putArray("tags"), tags);
        String answer;
        try {
            answer = client.sendPost("logged-models", body.toString());
        } catch (MlflowHttpException e) {
            if (e.getStatusCode() == 404 || String.valueOf(e.getBodyMessage()).contains("ENDPOINT_NOT_FOUND")) {
                return Optional.empty();
            }
            throw e;
        }
        JsonNode info = ModelRegistry.read(answer).path("model").path("info");
        String id = info.path("model_id").asText("");
        String artifactUri = info.path("artifact_uri").asText("");
        if (id.isEmpty() || artifactUri.isEmpty()) {
            throw new TrackingException("MLflow created a logged model without an id or artifact location: " + info);
        }
        return Optional.of(new LoggedModel(id, artifactUri));
    }

    /** Shows {@code model} among the outputs of run {@code runId} (the run page's "Logged models"). */
    void linkToRun(String runId, LoggedModel model) {
        ObjectNode body = BundleJson.MAPPER.createObjectNode().put("run_id", runId);
        body.putArray("models").addObject().put("model_id", model.id()).put("step", 0);
        client.sendPost("runs/outputs", body.toString());
    }

    /**
     * Uploads every file under {@code folder}, sub-folders too, byte for byte as the model's
     * artifacts, and marks the model ready; marks it failed (best effort) when an upload fails.
     *
     * @return the relative paths uploaded
     */
    List<String> upload(MlflowArtifacts artifacts, LoggedModel model, Path folder) throws IOException {
        List<String> uploaded;
        try {
            uploaded = artifacts.uploadTree(model.artifactUri(), folder, path -> true);
        } catch (IOException | RuntimeException e) {
            try {
                finalize(model, FAILED);
            } catch (RuntimeException ignored) {
                // The upload's failure is the one to report; the server may be gone altogether.
            }
            throw e;
        }
        finalize(model, READY);
        return uploaded;
    }

    /** Tags {@code model} with the registry version made from it, as MLflow's own clients do. */
    void tagVersion(LoggedModel model, String registeredModel, String version) {
        ArrayNode versions = BundleJson.MAPPER.createArrayNode();
        versions.addObject().put("name", registeredModel).put("version", version);
        ObjectNode body = BundleJson.MAPPER.createObjectNode();
        body.putArray("tags").addObject().put("key", VERSIONS_TAG).put("value", versions.toString());
        client.sendPatch("logged-models/" + ModelRegistry.encode(model.id()) + "/tags", body.toString());
    }

    private void finalize(LoggedModel model, String status) {
        ObjectNode body = BundleJson.MAPPER.createObjectNode().put("model_id", model.id()).put("status", status);
        client.sendPatch("logged-models/" + ModelRegistry.encode(model.id()), body.toString());
    }

    private static void keyValues(ArrayNode array, Map<String, String> entries) {
        entries.forEach((key, value) -> array.addObject().put("key", key).put("value", value));
    }
}
