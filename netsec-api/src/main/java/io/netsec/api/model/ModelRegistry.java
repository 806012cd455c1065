package io.netsec.api.model;

import io.netsec.api.config.ConnectionStrings;
import io.netsec.api.config.NetsecConfig;
import io.netsec.api.problem.ApiProblem;
import io.netsec.core.Detector;
import io.netsec.core.bundle.BundleException;
import io.netsec.experiment.tracking.MlflowConnection;
import io.netsec.experiment.tracking.ModelPull;
import io.netsec.experiment.tracking.ModelUri;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Holds the served model. It is loaded once (the original project reloaded it on every request)
 * and replaced atomically: a request in flight keeps the detector it started with, the next one
 * gets the new model, and none is dropped.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final NetsecConfig config;
    private final AtomicReference<ServedModel> current = new AtomicReference<>();
    private volatile String loadError = "not loaded yet";

    public ModelRegistry(NetsecConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        Path folder = config.modelDir();
        config.modelUri().ifPresent(uri -> pullFromRegistry(uri, folder));
        try {
            Detector preloaded = null;
            if (config.modelUri().isPresent()) {
                ModelPreload.discard(); // the folder was read before the pull rewrote it
            } else {
                preloaded = ModelPreload.take(folder);
            }
            current.set(new ServedModel(preloaded != null ? preloaded : Detector.load(folder), folder, Instant.now()));
            LOG.infof("Serving the model bundle in %s", folder.toAbsolutePath());
        } catch (BundleException | java.io.UncheckedIOException e) {
            // Start anyway: liveness stays up and readiness reports why no model is served.
            loadError = e.getMessage();
            LOG.errorf("No model served: %s", e.getMessage());
        }
    }

    /**
     * Pulls the registered model {@code uri} into {@code folder}. When the registry cannot be
     * reached the folder keeps what it had, and that is served if it is a verified bundle.
     */
    private void pullFromRegistry(String uri, Path folder) {
        try {
            MlflowConnection connection = MlflowConnection.resolve(config.trackingUri().orElse(null), System.getenv())
                    .orElseThrow(() -> new IllegalArgumentException("netsec.model-uri needs netsec.tracking-uri or MLFLOW_TRACKING_URI"));
            ModelPull.Pulled pulled = ModelPull.pull(connection, ModelUri.parse(uri), folder);
            LOG.infof("Pulled %s (version %s) from %s into %s", uri, pulled.version().version(), connection,
                    folder.toAbsolutePath());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.errorf("Could not pull %s: %s; serving what %s holds, if anything", uri,
                    ConnectionStrings.mask(config, String.valueOf(e.getMessage())), folder);
        }
    }

    /** The served model, if a verified one is loaded. */
    public Optional<ServedModel> current() {
        return Optional.ofNullable(current.get());
    }

    /** The served model, or a 503 problem telling the caller that none is loaded. */
    public ServedModel require() {
        ServedModel model = current.get();
        if (model == null) {
            throw ApiProblem.noModel(loadError);
        }
        return model;
    }

    /** Why no model is served (meaningful only when {@link #current()} is empty). */
    public String loadError() {
        return loadError;
    }

    /**
     * Serves {@code detector}, a bundle loaded and verified from {@code folder}.
     *
     * @return the model it replaced, or null
     */
    public ServedModel replace(Detector detector, Path folder) {
        ServedModel previous = current.getAndSet(new ServedModel(detector, folder, Instant.now()));
        LOG.infof("Now serving the model bundle in %s (%s)", folder.toAbsolutePath(),
                detector.bundle().manifest().model().family());
        return previous;
    }
}
