package io.netsec.ingestion.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A read timeout for a streamed HTTP body. HttpClient's request timeout only covers the wait
 * for the response headers; a server that then stops sending would block the reader forever.
 * The guard watches the reader's progress and, after {@code limit} without a byte, closes the
 * stream and interrupts the reader so that its blocked read fails.
 */
final class StallGuard implements AutoCloseable {

    private final Duration limit;
    private final ScheduledExecutorService timer;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean tripped;
    private volatile boolean reading;

    StallGuard(Duration limit, Closeable stream) {
        this.limit = limit;
        Thread reader = Thread.currentThread();
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "netsec-download-stall-guard");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(limit.toMillis() / 4, 10);
        timer.scheduleAtFixedRate(() -> {
            if (reading && !tripped && System.nanoTime() - lastProgress > limit.toNanos()) {
                tripped = true;
                try {
                    stream.close();
                } catch (IOException | RuntimeException ignored) {
                    // the interrupt below still wakes the reader
                }
                reader.interrupt();
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Call around every read. Only a blocked read is timed: an interrupt while the reader writes
     * to a file channel would close that channel, and a slow disk is no stalled server.
     */
    void reading(boolean now) {
        lastProgress = System.nanoTime();
        reading = now;
    }

    /** Whether the guard gave up on the stream. */
    boolean tripped() {
        return tripped;
    }

    Duration limit() {
        return limit;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (tripped) {
            Thread.interrupted(); // the interrupt was ours, not the caller's
        }
    }
}
