package io.netsec.core.bundle;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * How a bundle folder is replaced on disk without ever leaving a half-written one: files written
 * durably into a staging folder beside the target ({@code .NAME.tmp-TAG}), the previous bundle
 * moved aside ({@code .NAME.old-TAG}) and the staging folder renamed into place; a write killed
 * between the two renames is undone by the next load or write. {@link ModelBundle} decides what
 * is written, this class only how.
 */
final class FolderSwap {

    private FolderSwap() {
    }

    /** Moves {@code staging} to {@code target}; an existing target is moved aside first and removed last. */
    static void replace(Path target, Path staging, Path previous) throws IOException {
        boolean hadPrevious = Files.exists(target);
        if (hadPrevious) {
            move(target, previous);
        }
        try {
            move(staging, target);
        } catch (IOException e) {
            if (hadPrevious) {
                move(previous, target);
            }
            throw e;
        }
        if (hadPrevious) {
            deleteTree(previous);
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            var buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** {@link ModelBundle#cleanStaleStaging}. */
    static void cleanStale(Path folder) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        restoreInterrupted(target);
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(parent, "." + target.getFileName() + ".tmp-*")) {
            for (Path path : stale) {
                deleteTree(path);
            }
        }
        if (Files.exists(target)) {
            try (DirectoryStream<Path> old = Files.newDirectoryStream(parent, "." + target.getFileName() + ".old-*")) {
                for (Path path : old) {
                    deleteTree(path);
                }
            }
        }
    }

    /** The previous bundle a write moved aside and did not replace (killed between its renames), or null. */
    static Path interruptedPrevious(Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return null;
        }
        try (DirectoryStream<Path> old = Files.newDirectoryStream(parent, "." + target.getFileName() + ".old-*")) {
            for (Path path : old) {
                // Moved aside whole; it is deleted only after the new bundle is in place, so a
                // partly deleted one never stands alone.
                if (Files.isRegularFile(path.resolve(ModelBundle.CHECKSUMS))) {
                    return path;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Moves the previous bundle back when a killed write left {@code target} missing. */
    static void restoreInterrupted(Path target) throws IOException {
        if (!Files.exists(target)) {
            Path previous = interruptedPrevious(target);
            if (previous != null) {
                move(previous, target);
            }
        }
    }
}
