package io.netsec.core.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bundle write's clean-up should the JVM be stopped during it (Ctrl-C, {@code kill}): a
 * shutdown hook, registered for the write's duration only, that removes the unfinished new
 * bundle and puts the previous one back if it was moved aside. Only a {@code kill -9} leaves
 * them to {@link ModelBundle#cleanStaleStaging} and the next write.
 *
 * <p>The hook runs while the writer may still be running. It first renames the staging folder
 * away: the rename and the writer's own final rename cannot both succeed, so either the new
 * bundle is whole in place (the hook then removes only the previous one) or it never gets there
 * (the writer's rename fails and the previous bundle stays); a half-deleted folder is never put in
 * place.
 */
final class WriteInProgress implements AutoCloseable {

    private final Path target;
    private final Path staging;
    private final Path previous;
    private final Thread hook;

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
        try {
            Runtime.getRuntime().addShutdownHook(write.hook);
        } catch (IllegalStateException e) {
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
            // stopping already: the hook runs, and finds nothing of this write
        }
    }

    private void stopped() {
        try {
            Path discarded = staging.resolveSibling(staging.getFileName() + ".stopped");
            if (Files.exists(staging)) {
                ModelBundle.move(staging, discarded);
                ModelBundle.deleteTree(discarded);
            }
            if (Files.exists(target)) {
                ModelBundle.deleteTree(previous);
            } else if (Files.exists(previous)) {
                ModelBundle.move(previous, target);
            }
        } catch (IOException | RuntimeException e) {
            // the writer got there first, or the disk refused: the next write cleans up
        }
    }
}
