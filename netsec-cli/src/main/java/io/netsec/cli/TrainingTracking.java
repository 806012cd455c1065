package io.netsec.cli;

import io.netsec.experiment.tracking.MlflowConnection;
import io.netsec.experiment.tracking.PromotionDecision;
import io.netsec.experiment.tracking.RunFolderException;
import io.netsec.experiment.tracking.RunTracking;
import io.netsec.training.TrainingRun;
import io.netsec.training.tracking.TrainingCharts;
import io.netsec.training.tracking.TrainingRunTracking;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The tracking part of {@code netsec train}: a warning before training when the named server does
 * not answer (training goes on), and the record after it. MLflow never fails the command: the
 * bundle is written by then; a run folder the disk does not take does (exit code 3).
 */
final class TrainingTracking {

    private TrainingTracking() {
    }

    /**
     * Checks the server before the (long) training, so the user learns early that the record will
     * wait, and gets the pictures of the record ready to draw while the data is read.
     */
    static void before(CommandSpec spec, TrackingOptionsMixin tracking) {
        TrainingCharts.warmUpInBackground();
        Optional<MlflowConnection> connection = tracking.connection();
        if (connection.isPresent() && !connection.get().isHealthy()) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("netsec train: warning: MLflow at %s does not answer; training goes on and the record will be"
                    + " kept in the run folder for 'netsec runs sync'%n", connection.get());
            err.flush();
        }
    }

    /** Records {@code run}; tells the user where it went. */
    static void after(CommandSpec spec, CommonOptions common, TrackingOptionsMixin tracking, TrainingRun run)
            throws java.io.IOException {
        Optional<MlflowConnection> connection = tracking.connection();
        PrintWriter out = spec.commandLine().getOut();
        RunTracking.Outcome outcome;
        try {
            outcome = TrainingRunTracking.record(run, tracking.settings(), connection,
                    line -> common.progress(spec.commandLine().getErr(), "%s", line));
        } catch (RunFolderException e) {
            // the run folder itself, on this machine: a full disk is no warning
            throw TrainCommand.bundleWritten(e, run.modelDir());
        } catch (java.io.IOException | RuntimeException e) {
            // The bundle and the run folder's own files are written; only the MLflow record is missing.
            PrintWriter err = spec.commandLine().getErr();
            err.printf("netsec train: warning: the model is saved, but its MLflow record could not be written to %s: %s%n",
                    run.runDir(), e.getMessage() == null ? e : e.getMessage());
            err.flush();
            return;
        }
        if (outcome.published().isPresent()) {
            var published = outcome.published().get();
            PromotionDecision decision = published.decision();
            out.printf("MLflow run:   %s/#/experiments/%s/runs/%s%n", connection.get(), published.experimentId(),
                    published.runId());
            out.printf("Registry:     %s version %s -> %s%n", tracking.settings().registeredModel(), decision.version(),
                    decision.reason());
        } else if (outcome.failure() != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("netsec train: warning: the model is saved, but MLflow tracking failed: %s%n", outcome.failure());
            err.printf("netsec train: the record is kept in %s; send it later with: netsec runs sync --runs-dir %s"
                    + " --tracking-uri %s%n", run.runDir(), run.runDir().getParent(), connection.get());
            err.flush();
        }
        out.flush();
    }
}
