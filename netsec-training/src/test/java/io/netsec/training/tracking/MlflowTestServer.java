package io.netsec.training.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.core.bundle.BundleJson;
import io.netsec.experiment.tracking.MlflowConnection;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The real MLflow server the test script started ({@code scripts/mlflow-server.sh}), and raw
 * REST calls to check what was recorded independently of the code under test.
 */
final class MlflowTestServer {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MlflowTestServer() {
    }

    /** The server's URI; fails (never skips) when the test run was started without one. */
    static String uri() {
        String uri = System.getProperty("netsec.mlflow.uri");
        if (uri == null || uri.isBlank()) {
            uri = System.getenv("MLFLOW_TRACKING_URI");
        }
        if (uri == null || uri.isBlank()) {
            throw new IllegalStateException("no MLflow server for the integration tests: run scripts/test.sh, or start"
                    + " one with 'eval \"$(scripts/mlflow-server.sh start /tmp/mlflow-state)\"' and run Maven in that shell"
                    + " (it exports MLFLOW_TRACKING_URI; -Dnetsec.mlflow.uri=... works too)");
        }
        return uri;
    }

    static MlflowConnection connection() {
        return MlflowConnection.open(uri());
    }

    /** GET {@code /api/2.0/mlflow/<path>} with query parameters as name, value pairs. */
    static JsonNode get(String path, String... query) {
        StringBuilder url = new StringBuilder(uri()).append("/api/2.0/mlflow/").append(path);
        for (int i = 0; i < query.length; i += 2) {
            url.append(i == 0 ? '?' : '&').append(query[i]).append('=')
                    .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(url.toString())).GET().build());
    }

    /** POST {@code /api/2.0/mlflow/<path>} with a JSON body. */
    static JsonNode post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(uri() + "/api/2.0/mlflow/" + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** The parent's nested runs. */
    static JsonNode nestedRuns(String experimentId, String parentRunId) {
        return post("runs/search", "{\"experiment_ids\":[\"" + experimentId + "\"],\"filter\":\"tags.mlflow.parentRunId = '"
                + parentRunId + "'\",\"max_results\":100}").path("runs");
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(request.uri() + " answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return BundleJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("MLflow at " + uri() + " not reachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
