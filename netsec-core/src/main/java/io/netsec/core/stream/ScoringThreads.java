package io.netsec.core.stream;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The worker threads of the ordered scoring loops ({@link StreamScoring}, {@link CsvScoring}). */
final class ScoringThreads {

    private ScoringThreads() {
    }

    /** {@code threads} daemon threads named {@code name}: an abandoned run never keeps the JVM alive. */
    static ExecutorService pool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A worker's result, its own exception rethrown as it was (a {@code DataException} stays one). */
    static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("scoring was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
