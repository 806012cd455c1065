package io.netsec.core.schema;

import java.nio.file.Path;

/** A schema file that cannot be used, with the place in the file at fault. */
public class SchemaException extends RuntimeException {

    private final String source;
    private final int line;

    public SchemaException(String source, int line, String message) {
        super(source + (line > 0 ? ":" + line : "") + ": " + message);
        this.source = source;
        this.line = line;
    }

    public SchemaException(Path file, int line, String message) {
        this(file.toString(), line, message);
    }

    /** The schema file (or "inline schema"). */
    public String source() {
        return source;
    }

    /** The 1-based YAML line at fault, or 0 when the fault is the file as a whole. */
    public int line() {
        return line;
    }
}
