package io.netsec.experiment.tracking;

import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.bundle.ModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;

/**
 * Fetches a registered model's bundle: resolves {@code models:/name@alias} (or a version), downloads
 * the version's files, and verifies them with {@link ModelBundle#load} before they replace anything,
 * so a damaged or partial download never becomes the model in use.
 */
public final class ModelPull {

    /** How a version made from an MLflow 3 logged model names its source. */
    private static final String LOGGED_MODEL_SOURCE = "models:/";

    private ModelPull() {
    }

    /**
     * A pulled bundle and where it came from.
     *
     * @param bundle  the verified bundle
     * @param version the registry version it is
     */
    public record Pulled(ModelBundle bundle, ModelRegistry.ModelVersion version) {
    }

    /**
     * Downloads {@code uri} and, once verified, writes it into {@code modelDir} with the bundle's
     * own atomic write (the previous bundle stays whole until the new one is complete). A folder
     * that is neither a bundle nor empty is refused before anything is downloaded.
     *
     * @throws io.netsec.core.bundle.ModelFolderRefusedException when {@code modelDir} holds something else
     */
    public static Pulled pull(MlflowConnection connection, ModelUri uri, Path modelDir) throws IOException {
        ModelFolder.requireReplaceable(modelDir);
        Pulled pulled = load(connection, uri);
        return new Pulled(pulled.bundle().writeTo(modelDir), pulled.version());
    }

    /** Loads the verified bundle {@code uri} names, without keeping its files. */
    public static Pulled load(MlflowConnection connection, ModelUri uri) throws IOException {
        Path temporary = Files.createTempDirectory("netsec-model-");
        try {
            return download(connection, uri, temporary.resolve("bundle"));
        } finally {
            deleteTree(temporary);
        }
    }

    private static Pulled download(MlflowConnection connection, ModelUri uri, Path folder) throws IOException {
        ModelRegistry.ModelVersion version;
        String files;
        try (MlflowClient client = connection.client()) {
            ModelRegistry registry = new ModelRegistry(client);
            version = uri.alias() != null
                    ? registry.versionByAlias(uri.name(), uri.alias())
                    .orElseThrow(() -> new TrackingException("no version of " + uri.name() + " has the alias '" + uri.alias() + "'"))
                    : registry.version(uri.name(), uri.version());
            files = artifactLocation(registry, version);
        } catch (MlflowClientException e) {
            throw new TrackingException("MLflow at " + connection + " failed to resolve " + uri + ": "
                    + connection.mask(e.getMessage()), e);
        }
        Files.createDirectories(folder);
        new MlflowArtifacts(connection).downloadTree(files, folder);
        return new Pulled(ModelBundle.load(folder), version);
    }

    /**
     * Where the version's files are: its source when that is an artifact folder (versions
     * registered from the run's {@code model} folder), else what the server resolves it to (a
     * {@code models:/m-...} source names an MLflow 3 logged model, whose files are elsewhere).
     */
    private static String artifactLocation(ModelRegistry registry, ModelRegistry.ModelVersion version) {
        String source = version.source();
        if (source == null || !source.startsWith(LOGGED_MODEL_SOURCE)) {
            return source;
        }
        String resolved = registry.downloadUri(version.name(), version.version());
        if (resolved == null || resolved.isEmpty()) {
            throw new TrackingException("MLflow gave no download location for " + version.name() + " version "
                    + version.version() + " (source " + source + ")");
        }
        return resolved;
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
