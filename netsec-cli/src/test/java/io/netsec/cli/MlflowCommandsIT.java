package io.netsec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.core.bundle.BundleJson;
import io.netsec.core.bundle.ModelBundle;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netsec train --tracking-uri}, {@code netsec model pull} and {@code netsec runs sync} against the real server. */
class MlflowCommandsIT {

    private static final Path SCHEMA = CliRunner.PHISHING_SCHEMA;
    private static final Path DATA = CliRunner.PHISHING_DATA;

    /** Fails the whole class at once, with the how-to, when the test run has no server. */
    @BeforeAll
    static void aServerIsNamed() {
        server();
    }

    @TempDir
    Path dir;

    private static String server() {
        String uri = System.getProperty("netsec.mlflow.uri");
        if (uri == null || uri.isBlank()) {
            uri = System.getenv("MLFLOW_TRACKING_URI");
        }
        if (uri == null || uri.isBlank()) {
            throw new IllegalStateException("no MLflow server for the integration tests: run scripts/test.sh, or start"
                    + " one with 'eval \"$(scripts/mlflow-server.sh start /tmp/mlflow-state)\"' and run Maven in that shell");
        }
        return uri;
    }

    private CliRunner.Run train(String trackingUri, String unique, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--quiet", "--data", DATA.toString(), "--schema",
                SCHEMA.toString(), "--model-dir", dir.resolve("model").toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--models", "logistic,j48", "--folds", "3", "--bootstrap", "50", "--tracking-uri", trackingUri,
                "--experiment", "netsec-cli-" + unique, "--registered-model", "netsec-cli-" + unique));
        args.addAll(List.of(more));
        return CliRunner.netsec(args.toArray(String[]::new));
    }

    /** GET {@code /api/2.0/mlflow/<path>?<query>} on the server, read independently of the code under test. */
    private static JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server() + "/api/2.0/mlflow/" + pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), pathAndQuery + ": " + response.body());
        return BundleJson.MAPPER.readTree(response.body());
    }

    /** Every file under {@code folder} by its relative path. */
    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Test
    void trainRegistersAChampionThatModelPullRoundTrips() throws IOException, InterruptedException {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        long before = System.currentTimeMillis();
        CliRunner.Run trained = train(server(), unique, "--mlflow-user", "trainer-" + unique);
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("MLflow run:"), trained.out());
        assertTrue(trained.out().contains("version 1 -> champion"), trained.out());

        // The version is the run's logged model; the run names who trained and spans the training.
        String name = "netsec-cli-" + unique;
        JsonNode version = get("registered-models/alias?name=" + name + "&alias=champion").path("model_version");
        String source = version.path("source").asText();
        assertTrue(source.startsWith("models:/m-"), source);
        JsonNode run = get("runs/get?run_id=" + version.path("run_id").asText()).path("run");
        assertEquals(source.substring("models:/".length()),
                run.path("outputs").path("model_outputs").path(0).path("model_id").asText());
        assertEquals("trainer-" + unique, run.path("info").path("user_id").asText());
        boolean tagged = false;
        for (JsonNode tag : run.path("data").path("tags")) {
            tagged |= tag.path("key").asText().equals("mlflow.user") && tag.path("value").asText().equals("trainer-" + unique);
        }
        assertTrue(tagged, run.path("data").path("tags").toString());
        long start = run.path("info").path("start_time").asLong();
        long bundleWritten = Files.getLastModifiedTime(dir.resolve("model").resolve(ModelBundle.MANIFEST)).toMillis();
        assertTrue(before <= start && start <= bundleWritten && bundleWritten <= run.path("info").path("end_time").asLong(),
                "the run spans the training: " + run.path("info"));

        Path pulled = dir.resolve("pulled");
        CliRunner.Run pull = CliRunner.netsec("model", "pull", "models:/netsec-cli-" + unique + "@champion",
                "--model-dir", pulled.toString(), "--tracking-uri", server());
        assertEquals(0, pull.exitCode(), pull.err());
        assertTrue(pull.out().contains("checksums verified"), pull.out());
        assertEquals(ModelBundle.load(dir.resolve("model")).manifest().files(), ModelBundle.load(pulled).manifest().files());
        Map<String, byte[]> trainedFiles = files(dir.resolve("model"));
        Map<String, byte[]> pulledFiles = files(pulled);
        assertEquals(trainedFiles.keySet(), pulledFiles.keySet());
        trainedFiles.forEach((file, bytes) -> assertArrayEquals(bytes, pulledFiles.get(file), file + " byte for byte"));
    }

    @Test
    void trainingWithTheServerDownSavesTheModelAndRunsSyncSendsTheRecordLater() throws IOException {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CliRunner.Run trained = train("http://127.0.0.1:" + closed, unique);
        assertEquals(0, trained.exitCode(), "tracking never fails the training: " + trained.err());
        assertTrue(trained.err().contains("does not answer"), trained.err());
        assertTrue(trained.err().contains("netsec runs sync"), trained.err());
        ModelBundle.load(dir.resolve("model"));
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            Path runDir = runs.findFirst().orElseThrow();
            assertTrue(Files.readString(runDir.resolve("mlflow-status.json")).contains("\"pending\""));
            assertTrue(Files.size(runDir.resolve("plots/roc_curve.png")) > 0);
        }

        CliRunner.Run sync = CliRunner.netsec("runs", "sync", "--runs-dir", dir.resolve("runs").toString(),
                "--tracking-uri", server());
        assertEquals(0, sync.exitCode(), sync.err() + sync.out());
        assertTrue(sync.out().contains("1 synced, 0 still pending"), sync.out());
        CliRunner.Run again = CliRunner.netsec("runs", "sync", "--runs-dir", dir.resolve("runs").toString(),
                "--tracking-uri", server());
        assertTrue(again.out().contains("0 synced, 0 still pending"), again.out());
    }

    @Test
    void modelPullFromAnUnreachableServerExitsWith4AndLeavesTheFolderAlone() {
        CliRunner.Run pull = CliRunner.netsec("model", "pull", "models:/netsec-detector@champion",
                "--model-dir", dir.resolve("pulled").toString(), "--tracking-uri", "http://127.0.0.1:9");
        assertEquals(ExitCodes.UNREACHABLE, pull.exitCode(), pull.err());
        assertTrue(!Files.exists(dir.resolve("pulled")));
    }
}
