package io.netsec.ingestion.file;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;

/**
 * A file a command writes (scored rows, rejects, generated data). A regular file, or a name not
 * taken yet, is written to a hidden partial file beside it ({@link PartialFiles}) and renamed over
 * it only once complete, so a run that fails or is stopped leaves what was there. A device, a FIFO
 * or {@code -} (standard output) is written as a stream: renaming over a device would replace the
 * device node with a file. Refused before anything is written: an input of the run under any name
 * (through {@code ..}, a link, a hard link), a file inside an input folder, a folder, a symbolic
 * link to a file (following it would let a planted link redirect the write; replacing it would
 * drop the link), a link to nothing.
 *
 * <pre>{@code
 * try (OutputFile out = OutputFile.open(Path.of("scored.csv"), List.of(input, modelDir))) {
 *     write(out.stream());
 *     out.commit();        // not reached on failure: close() removes the partial file
 * }
 * }</pre>
 */
public final class OutputFile implements AutoCloseable {

    /** The name that means standard output. */
    public static final String STDOUT = "-";

    /** How a target is written. */
    public enum Kind {
        /** a regular file or a new name: a partial file, then a rename */
        FILE,
        /** a device, a FIFO or a socket: written in place, as a stream */
        STREAM,
        /** {@code -}: standard output */
        STDOUT
    }

    private final Path target;
    private final Kind kind;
    private final Path partial;
    private final OutputStream stream;
    private boolean committed;

    private OutputFile(Path target, Kind kind, Path partial, OutputStream stream) {
        this.target = target;
        this.kind = kind;
        this.partial = partial;
        this.stream = stream;
    }

    /**
     * What {@code target} is, or a refusal when writing it would lose something; nothing is written.
     *
     * @param inputs the files and folders the run reads (a folder: no output may lie inside it)
     * @throws OutputFileRefusedException when {@code target} may not be written
     */
    public static Kind check(Path target, Collection<Path> inputs) throws IOException {
        if (target.toString().equals(STDOUT)) {
            return Kind.STDOUT;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(target)) {
                throw new OutputFileRefusedException(target, "is a symbolic link to nothing (" + Files.readSymbolicLink(target)
                        + "); remove it or choose another name");
            }
            attributes = null;
        }
        if (attributes != null && attributes.isDirectory()) {
            throw new OutputFileRefusedException(target, "is a folder; name a file, inside it or elsewhere");
        }
        for (Path input : inputs) {
            refuseIfInput(target, input);
        }
        if (attributes == null) {
            return Kind.FILE;
        }
        if (attributes.isOther()) {
            return Kind.STREAM;
        }
        if (Files.isSymbolicLink(target)) {
            throw new OutputFileRefusedException(target, "is a symbolic link (to " + target.toRealPath()
                    + "): give that file itself to replace it, or '-' for standard output");
        }
        return Kind.FILE;
    }

    private static void refuseIfInput(Path target, Path input) throws IOException {
        if (!Files.exists(input)) {
            return;
        }
        if (Files.isDirectory(input)) {
            if (located(target).startsWith(input.toRealPath())) {
                throw new OutputFileRefusedException(target, "is inside " + input
                        + ", which this run reads; choose a file elsewhere");
            }
        } else if (Files.exists(target) ? Files.isSameFile(target, input) : located(target).equals(input.toRealPath())) {
            throw new OutputFileRefusedException(target, (target.equals(input) ? "is the input"
                    : "is the input " + input + " under another name") + "; writing it would replace what is being read:"
                    + " choose another output file");
        }
    }

    /**
     * Whether {@code a} and {@code b} name one file (existing or not): a reject file must not be
     * the output, though neither exists yet.
     */
    public static boolean sameFile(Path a, Path b) throws IOException {
        if (a.toString().equals(STDOUT) || b.toString().equals(STDOUT)) {
            return a.toString().equals(b.toString());
        }
        return Files.exists(a) && Files.exists(b) ? Files.isSameFile(a, b) : located(a).equals(located(b));
    }

    /** Where {@code path} is or would be: its real path, or its folder's real path and its name. */
    private static Path located(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        if (Files.exists(absolute)) {
            return absolute.toRealPath();
        }
        Path parent = absolute.getParent();
        return parent != null && Files.isDirectory(parent) ? parent.toRealPath().resolve(absolute.getFileName()) : absolute;
    }

    /**
     * Checks {@code target} ({@link #check}) and opens it for writing: a partial file beside it
     * (its folder is created when missing), or the stream itself.
     */
    public static OutputFile open(Path target, Collection<Path> inputs) throws IOException {
        Kind kind = check(target, inputs);
        return switch (kind) {
            case STDOUT -> new OutputFile(target, kind, null, new FilterOutputStream(System.out) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    flush(); // standard output stays open for what follows
                }
            });
            case STREAM -> new OutputFile(target, kind, null, Files.newOutputStream(target, StandardOpenOption.WRITE));
            case FILE -> {
                Path folder = target.toAbsolutePath().getParent();
                try {
                    Files.createDirectories(folder);
                } catch (FileAlreadyExistsException e) {
                    throw new OutputFileRefusedException(target, "cannot be made: " + e.getFile() + " is a file, not a folder");
                }
                Path partial = PartialFiles.create(folder, target.getFileName().toString());
                try {
                    yield new OutputFile(target, kind, partial, Files.newOutputStream(partial, StandardOpenOption.WRITE));
                } catch (IOException | RuntimeException e) {
                    PartialFiles.delete(partial);
                    throw e;
                }
            }
        };
    }

    /** Where the bytes go (a partial file, a device, standard output). Closed by {@link #commit} or {@link #close}. */
    public OutputStream stream() {
        return stream;
    }

    public Path target() {
        return target;
    }

    public Kind kind() {
        return kind;
    }

    /** Finishes the write: the partial file takes the target's name (replacing a file there), or the stream is flushed and closed. */
    public void commit() throws IOException {
        stream.close();
        if (partial != null) {
            try {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            PartialFiles.forget(partial);
        }
        committed = true;
    }

    /** Without {@link #commit}: closes the stream and removes the partial file; the target keeps what it had. */
    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        try {
            stream.close();
        } finally {
            if (partial != null) {
                PartialFiles.delete(partial);
            }
        }
    }
}
