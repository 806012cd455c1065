package io.netsec.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Reads a file whole only when it is a regular file no larger than a limit. {@code Files.readAllBytes}
 * opens anything: a FIFO blocks the open until some writer comes, {@code /dev/zero} never ends
 * and ends the JVM with an {@link OutOfMemoryError}; here both are refused before they are
 * opened, and no more than the limit is ever read, even from a file that grows while it is read
 * or, as some {@code /proc} files, says it is empty.
 */
public final class BoundedRead {

    private BoundedRead() {
    }

    /** A file refused before or while it was read; the message says why, without the file's name. */
    public static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    /**
     * The bytes of {@code file} (links followed).
     *
     * @param limit   the most bytes it may have
     * @param setting the setting that raises the limit, named in the refusal (null: none)
     * @throws RefusedException when it is not a regular file, or larger than the limit or the heap
     * @throws IOException      when it cannot be read (missing: {@link java.nio.file.NoSuchFileException})
     */
    public static byte[] regularFile(Path file, long limit, String setting) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new RefusedException(attributes.isDirectory() ? "is a folder, not a file"
                    : "is not a regular file (a device, a FIFO or a socket), so it is not read");
        }
        long size = attributes.size();
        if (size > limit) {
            throw tooLarge(size + " bytes", limit, setting);
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new RefusedException("is " + size + " bytes, more than one array can hold");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes;
            try {
                bytes = new byte[(int) size];
            } catch (OutOfMemoryError e) {
                throw new RefusedException("is " + size + " bytes, more than this JVM's free memory (raise -Xmx)");
            }
            int read = in.readNBytes(bytes, 0, bytes.length);
            if (read < bytes.length) {
                return Arrays.copyOf(bytes, read); // it shrank since
            }
            // it grew since, or its size said nothing (some /proc files): read on to the limit
            byte[] rest = in.readNBytes((int) Math.min(limit - size + 1, Integer.MAX_VALUE - 16));
            if (rest.length == 0) {
                return bytes;
            }
            if (size + rest.length > limit) {
                throw tooLarge("more than " + limit + " bytes", limit, setting);
            }
            byte[] all = Arrays.copyOf(bytes, bytes.length + rest.length);
            System.arraycopy(rest, 0, all, bytes.length, rest.length);
            return all;
        }
    }

    private static RefusedException tooLarge(String size, long limit, String setting) {
        return new RefusedException("is " + size + ", over the limit of " + ReadLimits.describe(limit)
                + (setting == null ? "" : " (" + setting + ")"));
    }
}
