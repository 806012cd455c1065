package io.netsec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.core.bundle.BundleJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code NetsecSparkJob train} records its run in a real MLflow server as {@code netsec train}
 * does: the run with the figures, one nested run per candidate, a registry version made
 * champion, and a second training's version judged against it. Needs a server:
 * {@code eval "$(scripts/mlflow-server.sh start /tmp/mlflow-state)"}, then
 * {@code -Dnetsec.mlflow.uri=$MLFLOW_TRACKING_URI}.
 */
class SparkTrackingIT {

    @TempDir
    static Path work;

    static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        server();
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("netsec-spark tracking tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static String server() {
        String uri = System.getProperty("netsec.mlflow.uri");
        if (uri == null || uri.isBlank()) {
            uri = System.getenv("MLFLOW_TRACKING_URI");
        }
        if (uri == null || uri.isBlank()) {
            throw new IllegalStateException("no MLflow server for the integration tests: start one with"
                    + " 'eval \"$(scripts/mlflow-server.sh start /tmp/mlflow-state)\"' and pass -Dnetsec.mlflow.uri");
        }
        return uri;
    }

    private static JsonNode call(String path, String postBody) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server() + "/api/2.0/mlflow/" + path));
        if (postBody != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(postBody));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return BundleJson.MAPPER.readTree(response.body());
    }

    private record Run(int code, String out, String err) {
    }

    private static Run train(String name, Path modelDir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NetsecSparkJob.run(new String[] {"train", "--schema", SparkTrainingTest.SCHEMA.toString(),
                        "--input", SparkTrainingTest.DATA.toString(), "--model-dir", modelDir.toString(),
                        "--runs-dir", work.resolve("runs").toString(), "--models", "logistic:l2_penalty=0.001,logistic",
                        "--folds", "2", "--bootstrap", "20", "--tracking-uri", server(), "--experiment", name,
                        "--registered-model", name},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void recordsTheRunItsCandidatesAndTheRegistryAsNetsecTrainDoes() throws IOException, InterruptedException {
        String name = "netsec-spark-" + UUID.randomUUID().toString().substring(0, 8);
        Run first = train(name, work.resolve("model-1"));
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("version 1 -> champion"), first.out());

        JsonNode version = call("registered-models/alias?name=" + name + "&alias=champion", null).path("model_version");
        String runId = version.path("run_id").asText();
        JsonNode run = call("runs/get?run_id=" + runId, null).path("run");
        boolean logistic = false;
        for (JsonNode param : run.path("data").path("params")) {
            logistic |= param.path("key").asText().equals("selected_family") && param.path("value").asText().equals("logistic");
        }
        assertTrue(logistic, run.path("data").path("params").toString());
        boolean auc = false;
        for (JsonNode metric : run.path("data").path("metrics")) {
            auc |= metric.path("key").asText().equals("test_roc_auc") && metric.path("value").asDouble() > 0.9;
        }
        assertTrue(auc, run.path("data").path("metrics").toString());
        String experimentId = run.path("info").path("experiment_id").asText();
        JsonNode nested = call("runs/search", "{\"experiment_ids\":[\"" + experimentId + "\"],\"filter\":"
                + "\"tags.mlflow.parentRunId = '" + runId + "'\",\"max_results\":100}").path("runs");
        assertEquals(3, nested.size(), nested.toString()); // logistic at two penalties, the second one twice

        Run second = train(name, work.resolve("model-2"));
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("version 2 -> "), second.out());
        try (var folders = Files.list(work.resolve("runs"))) {
            assertEquals(2, folders.count());
        }
    }
}
