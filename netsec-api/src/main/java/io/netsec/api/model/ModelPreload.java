package io.netsec.api.model;

import io.netsec.core.Detector;
import io.netsec.core.DetectorReadAhead;
import io.quarkus.runtime.ImageMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts reading the served model bundle on a thread of its own as soon as the CDI container is
 * up, so that the second core loads it while Quarkus spends a second or more on the rest of its
 * start (configuration, routes, the OpenAPI document, the validator); {@link ModelRegistry}
 * takes the result at the start event. A cold JVM needs about 0.3 s for the bundle (Jackson and
 * SnakeYAML's first use, the checksums, the tree tables), all of it off the start's path.
 *
 * <p>The event comes before the runtime configuration is final, so the folder read here is only a
 * guess: {@link #take(Path)} hands the load over only for the folder the registry is configured
 * with, and the registry loads the bundle itself otherwise (or when a registered model is to be
 * pulled first). Correctness never depends on the guess, only the start time.
 */
public final class ModelPreload {

    private static final AtomicReference<DetectorReadAhead> STARTED = new AtomicReference<>();

    private ModelPreload() {
    }

    static void onContainerUp(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (ImageMode.current() != ImageMode.JVM) {
            return; // in a native build this phase runs at build time: nothing to read ahead there
        }
        Config config = ConfigProvider.getConfig();
        if (config.getOptionalValue("netsec.model-uri", String.class).isPresent()) {
            return; // the bundle is pulled from the registry first, at the start event
        }
        start(Path.of(config.getOptionalValue("netsec.model-dir", String.class).orElse("final_model")));
    }

    /** Starts reading the bundle in {@code folder} on a daemon thread, for {@link #take(Path)}. */
    static void start(Path folder) {
        STARTED.set(DetectorReadAhead.start(folder, "netsec-model-preload"));
    }

    /** Drops a read that will not be taken (the registry pulls a registered model instead). */
    static void discard() {
        STARTED.set(null);
    }

    /**
     * The bundle read from {@code folder} since the container started, waiting for the read to end;
     * null when none was started for that folder (the caller loads it). Taken once.
     *
     * @throws RuntimeException what {@link Detector#load(Path)} threw
     */
    static Detector take(Path folder) {
        DetectorReadAhead started = STARTED.getAndSet(null);
        return started == null ? null : started.take(folder);
    }
}
