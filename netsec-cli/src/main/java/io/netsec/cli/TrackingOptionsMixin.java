package io.netsec.cli;

import io.netsec.experiment.tracking.MlflowConnection;
import io.netsec.experiment.tracking.TrackingSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/** Where training runs are tracked: an MLflow server (optional) and the names used there. */
public final class TrackingOptionsMixin {

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "MLflow tracking server, e.g. http://127.0.0.1:5000 (default: $MLFLOW_TRACKING_URI; none: the run"
                    + " folder keeps the record). Credentials: $MLFLOW_TRACKING_TOKEN or $MLFLOW_TRACKING_USERNAME/PASSWORD.")
    String trackingUri;

    @Option(names = "--experiment", defaultValue = TrackingSettings.DEFAULT_EXPERIMENT,
            description = "MLflow experiment (default: ${DEFAULT-VALUE}).")
    String experiment;

    @Option(names = "--registered-model", defaultValue = TrackingSettings.DEFAULT_REGISTERED_MODEL,
            description = "Registered model name in MLflow's registry (default: ${DEFAULT-VALUE}).")
    String registeredModel;

    @Option(names = "--mlflow-user", paramLabel = "NAME",
            description = "Who trained, as MLflow shows the run's user (tag mlflow.user; default: the operating system's"
                    + " user).")
    String mlflowUser;

    /** The server named by the option or the environment, if any. */
    Optional<MlflowConnection> connection() {
        return connection(trackingUri);
    }

    /** The server named by {@code trackingUri} or the environment, if any; a malformed URI is wrong usage. */
    static Optional<MlflowConnection> connection(String trackingUri) {
        try {
            return MlflowConnection.resolve(trackingUri, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    TrackingSettings settings() {
        return new TrackingSettings(experiment, registeredModel, NetsecCommand.class.getPackage().getImplementationVersion(),
                gitCommit(), mlflowUser);
    }

    /** The commit of the git checkout the command runs in, when there is one (MLflow's source tag). */
    private static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            if (!git.waitFor(3, TimeUnit.SECONDS)) {
                git.destroy();
                return null;
            }
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
