package io.netsec.core.bundle;

import io.netsec.core.ReadLimits;
import io.netsec.core.Sha256;
import io.netsec.core.model.PortableModel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The model file read and parsed on a thread of its own, while the loading thread hashes its
 * bytes and reads the other files (the parse is the longest step of a cold start; the hash
 * and the security provider's first start, some 35 ms, no longer come before it). Answers
 * and failures are taken where the loading reaches them, the checksum before the model, so
 * errors come in the same order as without it and no model is used before its checksum holds.
 */
final class ModelFileRead {
    private final BundleFolder files;
    private final Path checked;
    private final Path file;
    private final CompletableFuture<byte[]> bytes = new CompletableFuture<>();
    private final CompletableFuture<PortableModel> model = new CompletableFuture<>();

    private ModelFileRead(BundleFolder files, Path checked) {
        this.files = files;
        this.checked = checked;
        this.file = files.pathOf(ModelBundle.MODEL);
    }

    /**
     * Starts reading {@code checked}, the model file as {@link BundleFolder#file} checked it;
     * its read refuses a file that is not regular before opening it, so the thread never
     * waits on a FIFO.
     */
    static ModelFileRead start(BundleFolder files, Path checked) {
        ModelFileRead read = new ModelFileRead(files, checked);
        Thread thread = new Thread(read::run, "netsec-model-read");
        thread.setDaemon(true); // a load that fails first elsewhere does not wait for it
        thread.start();
        return read;
    }

    private void run() {
        byte[] read;
        try {
            read = files.read(ModelBundle.MODEL, checked, ReadLimits.modelFileBytes(), ReadLimits.MODEL_FILE);
            bytes.complete(read);
        } catch (RuntimeException | Error e) {
            // an Error too: the loading waits on both answers
            bytes.completeExceptionally(e);
            model.completeExceptionally(e);
            return;
        }
        try {
            model.complete(ModelBundle.readJson(file, read, "model", BundleFiles::model));
        } catch (RuntimeException | Error e) {
            model.completeExceptionally(e);
        }
    }

    /** Checks the checksum of the bytes read (on the calling thread, while this one parses them). */
    void verify(String expected) {
        ModelBundle.checkSum(file, Sha256.of(join(bytes)), expected);
    }

    PortableModel model() {
        return join(model);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
