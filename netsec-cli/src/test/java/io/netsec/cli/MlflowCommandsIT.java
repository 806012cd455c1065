package io.netsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.bundle.ModelBundle;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private CliRunner.Run train(String trackingUri, String unique) {
        return CliRunner.netsec("train", "--quiet", "--data", DATA.toString(), "--schema", SCHEMA.toString(),
                "--model-dir", dir.resolve("model").toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--models", "logistic,j48", "--folds", "3", "--bootstrap", "50", "--tracking-uri", trackingUri,
                "--experiment", "netsec-cli-" + unique, "--registered-model", "netsec-cli-" + unique);
    }

    @Test
    void trainRegistersAChampionThatModelPullRoundTrips() throws IOException {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        CliRunner.Run trained = train(server(), unique);
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("MLflow run:"), trained.out());
        assertTrue(trained.out().contains("version 1 -> champion"), trained.out());

        Path pulled = dir.resolve("pulled");
        CliRunner.Run pull = CliRunner.netsec("model", "pull", "models:/netsec-cli-" + unique + "@champion",
                "--model-dir", pulled.toString(), "--tracking-uri", server());
        assertEquals(0, pull.exitCode(), pull.err());
        assertTrue(pull.out().contains("checksums verified"), pull.out());
        assertEquals(ModelBundle.load(dir.resolve("model")).manifest().files(), ModelBundle.load(pulled).manifest().files());
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
