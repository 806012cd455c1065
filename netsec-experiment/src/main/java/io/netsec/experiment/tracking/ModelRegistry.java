package io.netsec.experiment.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netsec.core.bundle.BundleJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;

/**
 * MLflow's model registry through its REST API (the Java client reads versions but cannot create
 * them, nor read or set aliases), sent with the client's own authenticated transport.
 */
public final class ModelRegistry {

    private final MlflowClient client;

    /** Registry calls sent through {@code client} (which the caller closes). */
    public ModelRegistry(MlflowClient client) {
        this.client = client;
    }

    /**
     * One registered model version, as far as netsec uses it.
     *
     * @param name    the registered model
     * @param version its version number
     * @param runId   the run it came from
     * @param source  where its files are: {@code models:/m-...} (an MLflow 3 logged model), or the run's
     *                {@code model} artifact folder (versions registered before, or on an MLflow 2 server)
     * @param tags    its tags
     */
    public record ModelVersion(String name, String version, String runId, String source, Map<String, String> tags) {

        static ModelVersion of(JsonNode node) {
            Map<String, String> tags = new LinkedHashMap<>();
            for (JsonNode tag : node.path("tags")) {
                tags.put(tag.path("key").asText(), tag.path("value").asText());
            }
            return new ModelVersion(node.path("name").asText(), node.path("version").asText(),
                    node.path("run_id").asText(null), node.path("source").asText(null), Map.copyOf(tags));
        }
    }

    /** Creates the registered model unless it exists. */
    public void ensureRegisteredModel(String name) {
        try {
            client.sendGet("registered-models/get?name=" + encode(name));
        } catch (MlflowHttpException e) {
            if (!isMissing(e)) {
                throw e;
            }
            ObjectNode body = BundleJson.MAPPER.createObjectNode().put("name", name)
                    .put("description", "NetSec Detector model bundles, one version per training run");
            try {
                client.sendPost("registered-models/create", body.toString());
            } catch (MlflowHttpException raced) {
                // Another training created it between the two calls: fine.
                if (raced.getStatusCode() != 400) {
                    throw raced;
                }
            }
        }
    }

    /**
     * Registers the files at {@code source} from run {@code runId} as a new version of {@code name}.
     *
     * @param modelId the logged model {@code source} names ({@code models:/<modelId>}), or null for a
     *                run artifact source; MLflow 3 refuses a {@code models:/} source without it
     */
    public ModelVersion createVersion(String name, String source, String runId, String modelId, Map<String, String> tags) {
        ObjectNode body = BundleJson.MAPPER.createObjectNode().put("name", name).put("source", source).put("run_id", runId);
        if (modelId != null) {
            body.put("model_id", modelId);
        }
        var tagArray = body.putArray("tags");
        tags.forEach((key, value) -> tagArray.addObject().put("key", key).put("value", value));
        return ModelVersion.of(read(client.sendPost("model-versions/create", body.toString())).path("model_version"));
    }

    /** The version {@code alias} points at, if any. */
    public Optional<ModelVersion> versionByAlias(String name, String alias) {
        try {
            return Optional.of(ModelVersion.of(read(client.sendGet("registered-models/alias?name=" + encode(name)
                    + "&alias=" + encode(alias))).path("model_version")));
        } catch (MlflowHttpException e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A version by number. */
    public ModelVersion version(String name, String version) {
        return ModelVersion.of(read(client.sendGet("model-versions/get?name=" + encode(name) + "&version="
                + encode(version))).path("model_version"));
    }

    /**
     * Where the files of a version are, as an artifact location the artifact proxy serves: the
     * server resolves a {@code models:/m-...} source to its logged model's artifact folder.
     */
    public String downloadUri(String name, String version) {
        return read(client.sendGet("model-versions/get-download-uri?name=" + encode(name) + "&version="
                + encode(version))).path("artifact_uri").asText(null);
    }

    /** Points {@code alias} at {@code version} (moving it from wherever it was). */
    public void setAlias(String name, String alias, String version) {
        ObjectNode body = BundleJson.MAPPER.createObjectNode().put("name", name).put("alias", alias).put("version", version);
        client.sendPost("registered-models/alias", body.toString());
    }

    /** Sets a tag on a version. */
    public void setVersionTag(String name, String version, String key, String value) {
        ObjectNode body = BundleJson.MAPPER.createObjectNode().put("name", name).put("version", version)
                .put("key", key).put("value", value);
        client.sendPost("model-versions/set-tag", body.toString());
    }

    /**
     * Whether the server said "no such thing": 404 with RESOURCE_DOES_NOT_EXIST, or (MLflow 3 for an
     * unset alias) 400 with a "not found" message.
     */
    private static boolean isMissing(MlflowHttpException e) {
        String body = e.getBodyMessage() == null ? "" : e.getBodyMessage();
        return e.getStatusCode() == 404 || body.contains("RESOURCE_DOES_NOT_EXIST")
                || (e.getStatusCode() == 400 && body.contains("not found"));
    }

    /** A JSON answer of the MLflow REST API as a tree (LoggedModels reads them too). */
    static JsonNode read(String json) {
        try {
            return BundleJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
