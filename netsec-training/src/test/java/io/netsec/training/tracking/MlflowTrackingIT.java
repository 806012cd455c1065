package io.netsec.training.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.core.bundle.ModelBundle;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
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
        TrainingRun run = PhishingRuns.train(temp, PhishingRuns.SMALL);
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
