package io.netsec.cli;

import io.netsec.experiment.tracking.MlflowConnection;
import io.netsec.experiment.tracking.ModelPull;
import io.netsec.experiment.tracking.ModelUri;
import io.netsec.experiment.tracking.TrackingException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code netsec model pull}: a registered bundle into a folder, verified before it replaces anything. */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = {"Downloads a registered model bundle and verifies its checksums; the folder is replaced only"
                + " by a bundle that verifies."},
        footerHeading = "%nExample:%n",
        footer = "  netsec model pull models:/netsec-detector@champion --model-dir final_model --tracking-uri http://127.0.0.1:5000")
public final class ModelPullCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL_URI", description = "models:/NAME@ALIAS or models:/NAME/VERSION.")
    String modelUri;

    @Option(names = "--model-dir", defaultValue = "final_model", description = "Where the bundle goes (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    @Option(names = "--tracking-uri", paramLabel = "URI", description = "MLflow tracking server (default: $MLFLOW_TRACKING_URI).")
    String trackingUri;

    @Override
    public Integer call() throws Exception {
        common.verbose();
        ModelUri uri;
        try {
            uri = ModelUri.parse(modelUri);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(ExitCodes.USAGE, e.getMessage(), e);
        }
        MlflowConnection connection = TrackingOptionsMixin.connection(trackingUri)
                .orElseThrow(() -> new UserFacingException(ExitCodes.USAGE,
                        "no MLflow server named: pass --tracking-uri or set MLFLOW_TRACKING_URI"));
        ModelPull.Pulled pulled;
        try {
            pulled = ModelPull.pull(connection, uri, modelDir);
        } catch (TrackingException e) {
            throw new UserFacingException(ExitCodes.UNREACHABLE, e.getMessage(), e);
        }
        var out = spec.commandLine().getOut();
        out.printf("Pulled %s (version %s, run %s) into %s; checksums verified%n", uri, pulled.version().version(),
                pulled.version().runId(), modelDir);
        out.flush();
        return ExitCodes.OK;
    }
}
