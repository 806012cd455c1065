package io.netsec.cli;

import io.netsec.experiment.tracking.MlflowConnection;
import io.netsec.experiment.tracking.RunTracking;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netsec runs sync}: sends the records MLflow has not got yet (server down during training, or none named). */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Sends every run record not yet on the MLflow server: runs trained while it was down or"
                + " failing, and runs trained without a server. Each is sent once; a failure leaves it pending."},
        footerHeading = "%nExample:%n",
        footer = "  netsec runs sync --runs-dir runs --tracking-uri http://127.0.0.1:5000")
public final class RunsSyncCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--runs-dir", defaultValue = "runs", description = "The run folders (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "MLflow tracking server (default: $MLFLOW_TRACKING_URI).")
    String trackingUri;

    @Override
    public Integer call() throws Exception {
        common.verbose();
        MlflowConnection connection = TrackingOptionsMixin.connection(trackingUri)
                .orElseThrow(() -> new UserFacingException(ExitCodes.USAGE,
                        "no MLflow server named: pass --tracking-uri or set MLFLOW_TRACKING_URI"));
        List<RunTracking.Outcome> outcomes = RunTracking.sync(runsDir, connection,
                line -> common.progress(spec.commandLine().getErr(), "%s", line));
        var out = spec.commandLine().getOut();
        int failed = 0;
        for (RunTracking.Outcome outcome : outcomes) {
            if (outcome.published().isPresent()) {
                var published = outcome.published().get();
                out.printf("synced  %s -> run %s (%s version %s, %s)%n", outcome.folder().runDir(), published.runId(),
                        outcome.folder().record().registeredModel(), published.decision().version(),
                        published.decision().alias());
            } else {
                failed++;
                out.printf("pending %s: %s%n", outcome.folder().runDir(), outcome.failure());
            }
        }
        out.printf("%d synced, %d still pending%n", outcomes.size() - failed, failed);
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.UNREACHABLE;
    }
}
