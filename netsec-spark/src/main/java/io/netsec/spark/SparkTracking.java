package io.netsec.spark;

import io.netsec.core.bundle.BundleJson;
import io.netsec.core.bundle.BundleManifest;
import io.netsec.experiment.tracking.MlflowConnection;
import io.netsec.experiment.tracking.PromotionDecision;
import io.netsec.experiment.tracking.RunDescription;
import io.netsec.experiment.tracking.RunTracking;
import io.netsec.experiment.tracking.TrackedRun;
import io.netsec.experiment.tracking.TrackingSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Records a Spark training from the driver as {@code netsec train} records its own: a run folder
 * under {@code --runs-dir}, and on an MLflow server ({@code --tracking-uri}, else
 * {@code $MLFLOW_TRACKING_URI}) the run, a nested run per candidate, the bundle as its model, a
 * registry version and the champion/challenger decision, all by netsec-experiment's
 * {@link RunTracking} with the same {@link RunDescription}. Without a runs folder or a server
 * nothing is recorded. The server failing never fails the job: the bundle is written, and the
 * record waits in the run folder for {@code netsec runs sync}.
 */
final class SparkTracking {

    static final List<String> VALUED = List.of("--runs-dir", "--tracking-uri", "--experiment", "--registered-model",
            "--mlflow-user");

    private SparkTracking() {
    }

    /** The server the options or the environment name (a malformed URI: {@link IllegalArgumentException}). */
    static Optional<MlflowConnection> connection(Map<String, String> options) {
        return MlflowConnection.resolve(options.get("--tracking-uri"), System.getenv());
    }

    /** Records {@code result}; {@code progress} is told each step, as the training's progress lines. */
    static void record(SparkTraining.Result result, Path modelDir, Map<String, String> options, Instant started,
                       List<String> log, Consumer<String> progress, PrintStream out, PrintStream err)
            throws IOException {
        Optional<MlflowConnection> connection = connection(options);
        if (connection.isEmpty() && !options.containsKey("--runs-dir")) {
            return;
        }
        BundleManifest manifest = result.bundle().manifest();
        Path runsDir = Path.of(options.getOrDefault("--runs-dir", "runs"));
        String runId = TrackedRun.newRunId(LocalDateTime.now(), null);
        Path runDir = TrackedRun.createRunFolder(runsDir, runId);
        Files.write(runDir.resolve("manifest.json"), BundleJson.manifestJson(manifest));
        BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(runDir.resolve("candidates.json").toFile(),
                result.candidates());
        Files.write(runDir.resolve("run.log"), log, StandardCharsets.UTF_8);
        TrackingSettings settings = new TrackingSettings(options.get("--experiment"), options.get("--registered-model"),
                SparkTracking.class.getPackage().getImplementationVersion(), null, options.get("--mlflow-user"));
        RunDescription.Finished finished = new RunDescription.Finished(runId, manifest, result.candidates(),
                result.selected(), result.test(), result.intervals(), result.threshold(), result.trainRows(),
                result.testRows(), manifest.training().data().testRowsWithCopyInTrain(), null, Map.of(), started,
                Instant.now());
        RunTracking.Outcome outcome = RunTracking.record(new TrackedRun(runDir, modelDir,
                RunDescription.of(finished, settings), List.of()), connection, progress);
        if (outcome.published().isPresent()) {
            var published = outcome.published().get();
            PromotionDecision decision = published.decision();
            out.printf("MLflow run:   %s/#/experiments/%s/runs/%s%n", connection.get(), published.experimentId(),
                    published.runId());
            out.printf("Registry:     %s version %s -> %s%n", settings.registeredModel(), decision.version(),
                    decision.reason());
        } else if (outcome.failure() != null) {
            err.printf("netsec-spark train: warning: the model is saved, but MLflow tracking failed: %s%n",
                    outcome.failure());
            err.printf("netsec-spark train: the record is kept in %s; send it later with: netsec runs sync --runs-dir %s"
                    + " --tracking-uri %s%n", runDir, runsDir, connection.get());
        }
        out.flush();
        err.flush();
    }
}
