package io.netsec.core.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bundle write stopped by Ctrl-C or {@code kill} leaves nothing behind: for the write's duration
 * a shutdown hook waits, a few seconds at most, for the write to end (a write takes milliseconds;
 * the writer keeps running while hooks run, and its own clean-up removes what it made). Only a
 * write still running after that (a stuck disk) is taken away by the hook: the unfinished new
 * bundle removed, the previous one put back if it was moved aside. A {@code kill -9} runs no
 * hook and leaves them to {@link ModelBundle#cleanStaleStaging} and the next write.
 *
 * <p>Taking a running write away, the hook first renames the staging folder: that rename and the
 * writer's own last rename cannot both succeed, so either the new bundle is whole in place (the
 * hook then removes only the previous one) or it never gets there (the writer's rename fails and
 * the previous bundle stays); a half-deleted folder is never put in place.
 */
final class WriteInProgress implements AutoCloseable {

    /** How long the hook lets a write finish by itself. */
    private static final long FINISH_SECONDS = 5;

    private final Path target;
    private final Path staging;
    private final Path previous;
    private final Thread hook;
    /** Held by the writer from {@link #begin} to {@link #close}, after its own clean-up. */
    private final ReentrantLock writing = new ReentrantLock();

    private WriteInProgress(Path target, Path staging, Path previous) {
        this.target = target;
        this.staging = staging;
        this.previous = previous;
        this.hook = new Thread(this::stopped, "netsec-bundle-write");
    }

    /**
     * Registers the clean-up of a write of {@code target} through {@code staging}, the previous
     * bundle going aside as {@code previous}.
     *
     * @throws IOException when the JVM is already stopping: no write starts then
     */
    static WriteInProgress begin(Path target, Path staging, Path previous) throws IOException {
        WriteInProgress write = new WriteInProgress(target, staging, previous);
        write.writing.lock();
        try {
            Runtime.getRuntime().addShutdownHook(write.hook);
        } catch (IllegalStateException e) {
            write.writing.unlock();
            throw new IOException(target + ": not written, the program is stopping", e);
        }
        return write;
    }

    /** The write is over, one way or the other: nothing is left for the hook to do. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // stopping already: the hook runs, and finds this write over
        } finally {
            writing.unlock();
        }
    }

    private void stopped() {
        try {
            if (writing.tryLock(FINISH_SECONDS, TimeUnit.SECONDS)) {
                writing.unlock();
                return; // the write ended and cleaned up after itself
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        takeAway();
    }

    /** A write that did not end in time: its folder is taken away and the previous bundle kept. */
    private void takeAway() {
        try {
            Path discarded = staging.resolveSibling(staging.getFileName() + ".stopped");
            if (Files.exists(staging)) {
                FolderSwap.move(staging, discarded);
                FolderSwap.deleteTree(discarded);
            }
            if (Files.exists(target)) {
                FolderSwap.deleteTree(previous);
            } else if (Files.exists(previous)) {
                FolderSwap.move(previous, target);
            }
        } catch (IOException | RuntimeException e) {
            // the writer got there first, or the disk refused: the next write cleans up
        }
    }
}
