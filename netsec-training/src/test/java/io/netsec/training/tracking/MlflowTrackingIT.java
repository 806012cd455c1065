package io.netsec.training.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.bundle.BundleJson;
import io.netsec.experiment.tracking.MlflowArtifacts;
import io.netsec.experiment.tracking.MlflowConnection;
import io.netsec.experiment.tracking.ModelPull;
import io.netsec.experiment.tracking.ModelUri;
import io.netsec.experiment.tracking.PromotionDecision;
import io.netsec.experiment.tracking.PublishedRun;
import io.netsec.experiment.tracking.RunFolderRecord;
import io.netsec.experiment.tracking.RunTracking;
import io.netsec.experiment.tracking.TrackingSettings;
import io.netsec.experiment.tracking.TrackingStatus;
import io.netsec.training.TrainingRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real MLflow server the test script starts; every check reads MLflow's own REST API. */
class MlflowTrackingIT {

    /** Fails the whole class at once, with the how-to, when the test run has no server. */
    @BeforeAll
    static void aServerIsNamed() {
        MlflowTestServer.uri();
    }

    @TempDir
    Path temp;

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void recordsTheRunWithNestedCandidatesMetricsParamsPicturesAndAChampion() throws IOException {
        String unique = unique();
        List<Long> logTimes = new CopyOnWriteArrayList<>();
        TrainingRun run = PhishingRuns.train(temp, PhishingRuns.SMALL, line -> logTimes.add(System.currentTimeMillis()));
        RunTracking.Outcome outcome = TrainingRunTracking.record(run, PhishingRuns.settings(unique),
                Optional.of(MlflowTestServer.connection()), line -> { });

        assertNull(outcome.failure());
        PublishedRun published = outcome.published().orElseThrow();
        JsonNode parent = MlflowTestServer.get("runs/get", "run_id", published.runId()).path("run");
        assertEquals("FINISHED", parent.path("info").path("status").asText());
        assertEquals(run.runId(), parent.path("info").path("run_name").asText());
        JsonNode data = parent.path("data");
        assertEquals(run.result().bundle().manifest().training().data().sha256(),
                value(data.path("params"), "data_sha256"));
        assertEquals("11055", value(data.path("params"), "data_rows"));
        assertEquals("42", value(data.path("params"), "seed"));
        assertTrue(value(data.path("params"), "search_space").contains("j48"));
        assertEquals("test", value(data.path("tags"), "netsec.version"));
        assertEquals(run.result().test().rocAuc(), Double.parseDouble(value(data.path("metrics"), "test_roc_auc")), 1e-12);
        assertNotNull(value(data.path("metrics"), "test_roc_auc_ci95_low"));
        assertNotNull(value(data.path("metrics"), "test_f1_ci95_high"));

        JsonNode nested = MlflowTestServer.nestedRuns(published.experimentId(), published.runId());
        assertEquals(2, nested.size(), "one nested run per candidate");
        Set<String> families = new HashSet<>();
        for (JsonNode candidate : nested) {
            families.add(value(candidate.path("data").path("params"), "family"));
            assertNotNull(value(candidate.path("data").path("metrics"), "cv_roc_auc_mean"));
            JsonNode folds = MlflowTestServer.get("metrics/get-history", "run_id",
                    candidate.path("info").path("run_id").asText(), "metric_key", "cv_roc_auc_fold").path("metrics");
            assertEquals(3, folds.size(), "one ROC AUC per fold, as steps");
        }
        assertEquals(Set.of("logistic", "j48"), families);

        Set<String> artifacts = artifactPaths(published.runId(), "");
        for (String expected : List.of("model/manifest.json", "model/model.json", "model/schema.yaml",
                "model/checksums.sha256", "metrics.json", "candidates.json", "plots/roc_curve.png",
                "plots/precision_recall_curve.png", "plots/confusion_matrix.png", "plots/feature_importance.png")) {
            assertTrue(artifacts.contains(expected), expected + " among the artifacts " + artifacts);
        }
        assertFalse(artifacts.contains(RunFolderRecord.STATUS));

        String name = "netsec-detector-" + unique;
        JsonNode champion = MlflowTestServer.get("registered-models/alias", "name", name, "alias", "champion")
                .path("model_version");
        assertEquals("1", champion.path("version").asText());
        assertEquals(published.runId(), champion.path("run_id").asText());
        assertEquals(TrackingStatus.State.SYNCED, outcome.folder().status().state());

        // The run spans the training (its first and last log lines), not just the upload after it.
        JsonNode info = parent.path("info");
        long start = info.path("start_time").asLong();
        long end = info.path("end_time").asLong();
        long firstLine = logTimes.get(0);
        long lastLine = logTimes.get(logTimes.size() - 1);
        assertTrue(start <= firstLine, "the run starts (" + start + ") before training's first line (" + firstLine + ")");
        assertTrue(end >= lastLine, "the run ends (" + end + ") after training's last line (" + lastLine + ")");
        assertTrue(end - start >= lastLine - firstLine, "the run's span covers the training's measured duration");
        assertEquals(run.started().toEpochMilli(), start);
        assertEquals(run.ended().toEpochMilli(), end);
        for (JsonNode candidate : nested) {
            assertEquals(start, candidate.path("info").path("start_time").asLong(), "candidates lie inside the run");
            assertEquals(end, candidate.path("info").path("end_time").asLong());
        }

        // Who trained: the operating system's user by default, as the tag and the run's user id.
        String user = System.getProperty("user.name");
        assertEquals(user, value(data.path("tags"), "mlflow.user"));
        assertEquals(user, info.path("user_id").asText());
    }

    @Test
    void theBundleIsTheRunsLoggedModelAndTheVersionsSourceByteForByte() throws IOException {
        String unique = unique();
        TrainingRun run = PhishingRuns.train(temp, PhishingRuns.SMALL);
        // Whatever the bundle folder holds goes with it, files in sub-folders (an MLflow Model's code/) too.
        Path code = Files.createDirectories(run.modelDir().resolve("code"));
        Files.write(code.resolve("loader.py"), new byte[] {'#', ' ', 0, (byte) 0xff, '\n'});
        List<String> lines = new CopyOnWriteArrayList<>();
        PublishedRun published = TrainingRunTracking.record(run, PhishingRuns.settings(unique),
                Optional.of(MlflowTestServer.connection()), lines::add).published().orElseThrow();

        String modelId = published.modelId();
        assertNotNull(modelId, "a logged model on an MLflow 3 server: " + lines);
        assertTrue(modelId.startsWith("m-"), modelId);
        JsonNode outputs = MlflowTestServer.get("runs/get", "run_id", published.runId()).path("run").path("outputs")
                .path("model_outputs");
        assertEquals(1, outputs.size(), "the run lists its logged model: " + outputs);
        assertEquals(modelId, outputs.get(0).path("model_id").asText());

        JsonNode logged = MlflowTestServer.get("logged-models/" + modelId).path("model").path("info");
        assertEquals("LOGGED_MODEL_READY", logged.path("status").asText());
        assertEquals(published.runId(), logged.path("source_run_id").asText());
        assertEquals(published.experimentId(), logged.path("experiment_id").asText());
        String name = "netsec-detector-" + unique;
        JsonNode versionsTag = BundleJson.MAPPER.readTree(value(logged.path("tags"), "mlflow.modelVersions"));
        assertEquals(name, versionsTag.get(0).path("name").asText());
        assertEquals("1", versionsTag.get(0).path("version").asText());

        JsonNode version = MlflowTestServer.get("model-versions/get", "name", name, "version", "1").path("model_version");
        assertEquals("models:/" + modelId, version.path("source").asText());
        assertEquals(published.runId(), version.path("run_id").asText());
        String download = MlflowTestServer.get("model-versions/get-download-uri", "name", name, "version", "1")
                .path("artifact_uri").asText();
        assertEquals(logged.path("artifact_uri").asText(), download);

        Path fetched = temp.resolve("fetched");
        new MlflowArtifacts(MlflowTestServer.connection()).downloadTree(download, fetched);
        Map<String, byte[]> bundle = files(run.modelDir());
        assertTrue(bundle.containsKey("code/loader.py") && bundle.containsKey(ModelBundle.CHECKSUMS), bundle.keySet().toString());
        Map<String, byte[]> artifacts = files(fetched);
        assertEquals(bundle.keySet(), artifacts.keySet(), "the logged model holds every file of the bundle folder");
        bundle.forEach((file, bytes) -> assertArrayEquals(bytes, artifacts.get(file), file + " byte for byte"));
    }

    @Test
    void aServerWithoutLoggedModelsRegistersTheRunsModelFolderAndPullStillWorks() throws IOException {
        String unique = unique();
        TrainingRun run = PhishingRuns.train(temp, PhishingRuns.SMALL);
        List<String> lines = new CopyOnWriteArrayList<>();
        PublishedRun published;
        try (Mlflow2Proxy mlflow2 = new Mlflow2Proxy(MlflowTestServer.uri())) {
            published = TrainingRunTracking.record(run, PhishingRuns.settings(unique),
                    Optional.of(MlflowConnection.open(mlflow2.uri())), lines::add).published().orElseThrow();
            assertTrue(mlflow2.refused() > 0, "the logged-models API was asked for");
        }

        assertNull(published.modelId());
        assertEquals(1, lines.stream().filter(line -> line.contains("no logged models")).count(), lines.toString());
        String name = "netsec-detector-" + unique;
        JsonNode version = MlflowTestServer.get("model-versions/get", "name", name, "version", "1").path("model_version");
        assertTrue(version.path("source").asText().startsWith("mlflow-artifacts:"), version.toString());
        assertTrue(version.path("source").asText().endsWith("/" + published.runId() + "/artifacts/model"),
                version.toString());
        assertEquals(0, MlflowTestServer.get("runs/get", "run_id", published.runId()).path("run").path("outputs")
                .path("model_outputs").size());

        // A version registered this way (as every version before logged models) still pulls, verified.
        Path pulledDir = temp.resolve("pulled");
        ModelPull.Pulled pulled = ModelPull.pull(MlflowTestServer.connection(),
                ModelUri.parse("models:/" + name + "@champion"), pulledDir);
        assertEquals("1", pulled.version().version());
        for (String file : List.of(ModelBundle.MANIFEST, ModelBundle.MODEL, ModelBundle.SCHEMA, ModelBundle.CHECKSUMS)) {
            assertArrayEquals(Files.readAllBytes(run.modelDir().resolve(file)), Files.readAllBytes(pulledDir.resolve(file)),
                    file + " is byte for byte the trained one");
        }
    }

    @Test
    void aWeakerModelOnTheSameEvaluationBecomesChallengerAndTheChampionStays() throws IOException {
        String unique = unique();
        TrackingSettings settings = PhishingRuns.settings(unique);
        TrainingRun strong = PhishingRuns.train(temp.resolve("strong"), PhishingRuns.SMALL);
        TrainingRun weak = PhishingRuns.train(temp.resolve("weak"), PhishingRuns.WEAK);
        assertTrue(weak.result().test().rocAuc() < strong.result().test().rocAuc(), "the weak model is weaker");

        PromotionDecision first = TrainingRunTracking.record(strong, settings,
                Optional.of(MlflowTestServer.connection()), line -> { }).published().orElseThrow().decision();
        PublishedRun second = TrainingRunTracking.record(weak, settings,
                Optional.of(MlflowTestServer.connection()), line -> { }).published().orElseThrow();

        assertEquals(PromotionDecision.CHAMPION, first.alias());
        PromotionDecision decision = second.decision();
        assertEquals(PromotionDecision.CHALLENGER, decision.alias());
        assertEquals("1", decision.championVersion());
        assertEquals(strong.result().test().rocAuc(), decision.championValue(), 1e-12);
        assertEquals(weak.result().test().rocAuc(), decision.value(), 1e-12);
        String name = settings.registeredModel();
        assertEquals("1", MlflowTestServer.get("registered-models/alias", "name", name, "alias", "champion")
                .path("model_version").path("version").asText());
        assertEquals("2", MlflowTestServer.get("registered-models/alias", "name", name, "alias", "challenger")
                .path("model_version").path("version").asText());
        JsonNode tags = MlflowTestServer.get("runs/get", "run_id", second.runId()).path("run").path("data").path("tags");
        assertTrue(value(tags, "netsec.registry.decision").contains("does not beat champion version 1"));
    }

    @Test
    void modelPullRoundTripsTheChampionsBundleAndVerifiesIt() throws IOException {
        String unique = unique();
        TrainingRun run = PhishingRuns.train(temp, PhishingRuns.SMALL);
        TrainingRunTracking.record(run, PhishingRuns.settings(unique), Optional.of(MlflowTestServer.connection()),
                line -> { }).published().orElseThrow();

        Path pulledDir = temp.resolve("pulled");
        ModelPull.Pulled pulled = ModelPull.pull(MlflowTestServer.connection(),
                ModelUri.parse("models:/netsec-detector-" + unique + "@champion"), pulledDir);

        assertEquals("1", pulled.version().version());
        assertTrue(pulled.version().source().startsWith("models:/m-"), "pulled through the logged model: "
                + pulled.version().source());
        for (String file : List.of(ModelBundle.MANIFEST, ModelBundle.MODEL, ModelBundle.SCHEMA, ModelBundle.CHECKSUMS)) {
            assertArrayEquals(Files.readAllBytes(run.modelDir().resolve(file)), Files.readAllBytes(pulledDir.resolve(file)),
                    file + " is byte for byte the trained one");
        }
        ModelBundle.load(pulledDir);
        ModelBundle loaded = ModelPull.load(MlflowTestServer.connection(),
                ModelUri.parse("models:/netsec-detector-" + unique + "/1")).bundle();
        assertEquals(run.result().bundle().manifest().files(), loaded.manifest().files(), "the same checksums");
    }

    @Test
    void aServerDownAtTheStartLeavesAVerifiedBundleAndAPendingRecordThatSyncsLater() throws IOException {
        String unique = unique();
        MlflowConnection down = MlflowConnection.open("http://127.0.0.1:" + closedPort());
        TrainingRun run = PhishingRuns.train(temp, PhishingRuns.SMALL);

        RunTracking.Outcome outcome = TrainingRunTracking.record(run, PhishingRuns.settings(unique), Optional.of(down),
                line -> { });

        assertNotNull(outcome.failure());
        assertTrue(outcome.published().isEmpty());
        ModelBundle.load(run.modelDir());
        assertEquals(TrackingStatus.State.PENDING, outcome.folder().status().state());

        List<RunTracking.Outcome> synced = RunTracking.sync(temp.resolve("runs"), MlflowTestServer.connection(), line -> { });
        assertEquals(1, synced.size());
        PublishedRun published = synced.get(0).published().orElseThrow();
        assertEquals(TrackingStatus.State.SYNCED, outcome.folder().status().state());
        assertEquals("FINISHED", MlflowTestServer.get("runs/get", "run_id", published.runId())
                .path("run").path("info").path("status").asText());
        assertEquals(2, MlflowTestServer.nestedRuns(published.experimentId(), published.runId()).size());
        assertTrue(RunTracking.sync(temp.resolve("runs"), MlflowTestServer.connection(), line -> { }).isEmpty(),
                "a synced record is not sent twice");
    }

    @Test
    void aServerStoppedMidRunLeavesAPendingRecordAndSyncMarksTheHalfRunFailed() throws IOException {
        String unique = unique();
        TrainingRun run = PhishingRuns.train(temp, PhishingRuns.SMALL);
        AtomicReference<String> abandoned = new AtomicReference<>();
        RunTracking.Outcome outcome;
        try (SeveringProxy proxy = new SeveringProxy(MlflowTestServer.uri())) {
            // The server goes away once the nested runs are logged, before the artifacts.
            outcome = TrainingRunTracking.record(run, PhishingRuns.settings(unique),
                    Optional.of(MlflowConnection.open(proxy.uri())), line -> {
                        if (line.contains("nested candidate runs logged")) {
                            proxy.sever();
                        }
                    });
        }

        assertNotNull(outcome.failure());
        ModelBundle.load(run.modelDir());
        TrackingStatus pending = outcome.folder().status();
        assertEquals(TrackingStatus.State.PENDING, pending.state());
        assertEquals(1, pending.abandonedRunIds().size());
        abandoned.set(pending.abandonedRunIds().get(0));
        assertEquals("RUNNING", MlflowTestServer.get("runs/get", "run_id", abandoned.get())
                .path("run").path("info").path("status").asText());

        PublishedRun published = RunTracking.sync(temp.resolve("runs"), MlflowTestServer.connection(), line -> { })
                .get(0).published().orElseThrow();
        assertEquals("FAILED", MlflowTestServer.get("runs/get", "run_id", abandoned.get())
                .path("run").path("info").path("status").asText());
        assertEquals("FINISHED", MlflowTestServer.get("runs/get", "run_id", published.runId())
                .path("run").path("info").path("status").asText());
        assertTrue(artifactPaths(published.runId(), "").contains("plots/roc_curve.png"));
    }

    /** Every file under {@code folder} by its relative path ('/'-separated). */
    private static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String value(JsonNode entries, String key) {
        for (JsonNode entry : entries) {
            if (key.equals(entry.path("key").asText())) {
                return entry.path("value").asText();
            }
        }
        return null;
    }

    private static Set<String> artifactPaths(String runId, String path) {
        Set<String> paths = new HashSet<>();
        JsonNode files = path.isEmpty() ? MlflowTestServer.get("artifacts/list", "run_id", runId).path("files")
                : MlflowTestServer.get("artifacts/list", "run_id", runId, "path", path).path("files");
        for (JsonNode file : files) {
            if (file.path("is_dir").asBoolean()) {
                paths.addAll(artifactPaths(runId, file.path("path").asText()));
            } else {
                paths.add(file.path("path").asText());
            }
        }
        return paths;
    }
}
