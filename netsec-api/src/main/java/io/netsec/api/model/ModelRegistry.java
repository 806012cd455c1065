package io.netsec.api.model;

import io.netsec.api.config.NetsecConfig;
import io.netsec.api.problem.ApiProblem;
import io.netsec.core.Detector;
import io.netsec.core.bundle.BundleException;
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
        try {
            current.set(new ServedModel(Detector.load(folder), folder, Instant.now()));
            LOG.infof("Serving the model bundle in %s", folder.toAbsolutePath());
        } catch (BundleException | java.io.UncheckedIOException e) {
            // Start anyway: liveness stays up and readiness reports why no model is served.
            loadError = e.getMessage();
            LOG.errorf("No model served: %s", e.getMessage());
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
