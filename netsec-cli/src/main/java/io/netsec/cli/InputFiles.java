package io.netsec.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The files and folders a command reads, looked at before any work, so that a wrong one is named
 * for what it is: missing, a folder where a file belongs (or the reverse), or unreadable. Each
 * failure is an exception {@link FailureHandler} turns into one line and exit code 3.
 */
final class InputFiles {

    private InputFiles() {
    }

    /** A file to read (a FIFO or a device will do: they are read as streams). */
    static void requireFile(Path file) throws IOException {
        BasicFileAttributes attributes = attributes(file);
        if (attributes.isDirectory()) {
            throw new FileSystemException(file.toString(), null, "is a folder, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new AccessDeniedException(file.toString());
        }
    }

    /** A folder to read (a model bundle); a missing one is left to its reader, which says what belongs there. */
    static void requireFolderIfPresent(Path folder) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = attributes(folder);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attributes.isDirectory()) {
            throw new FileSystemException(folder.toString(), null, "is a file, not a folder: give the model bundle's folder");
        }
        if (!Files.isReadable(folder) || !Files.isExecutable(folder)) {
            throw new AccessDeniedException(folder.toString());
        }
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        // readAttributes says NoSuchFileException for a missing file and AccessDeniedException for
        // a folder on its way that may not be searched: each is named as such, never "no such file"
        return Files.readAttributes(path, BasicFileAttributes.class);
    }
}
