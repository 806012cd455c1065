package io.netsec.core;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A model bundle loaded ahead, on a daemon thread of its own, while the caller goes on starting
 * (the API's CDI start, the command line's argument parsing): on a cold JVM the bundle takes a
 * few tenths of a second. The caller {@link #take}s it for the folder it then wants; for another
 * folder it gets null and loads that one itself, so a wrong guess costs time, never correctness.
 */
public final class DetectorReadAhead {

    private final Path folder;
    private final CompletableFuture<Detector> detector = new CompletableFuture<>();

    private DetectorReadAhead(Path folder) {
        this.folder = key(folder);
    }

    /** Starts loading the bundle in {@code folder} on a daemon thread named {@code threadName}. */
    public static DetectorReadAhead start(Path folder, String threadName) {
        DetectorReadAhead ahead = new DetectorReadAhead(folder);
        Thread thread = new Thread(() -> {
            try {
                ahead.detector.complete(Detector.load(folder));
            } catch (Throwable e) {
                ahead.detector.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true); // a start that fails elsewhere first does not wait for it
        thread.start();
        return ahead;
    }

    /**
     * The detector, waiting for the load to end, when {@code wanted} names the folder read ahead
     * (compared absolute and normalised); null for another folder, or when interrupted.
     *
     * @throws RuntimeException what {@link Detector#load(Path)} threw, where loading would have thrown it
     */
    public Detector take(Path wanted) {
        if (!folder.equals(key(wanted))) {
            return null;
        }
        try {
            return detector.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Path key(Path folder) {
        return folder.toAbsolutePath().normalize();
    }
}
