package io.netsec.core.schema;

import java.nio.file.Path;

/**
 * The schema file itself could not be read or was refused before parsing (a FIFO or device, over
 * the size limit, unreadable), as opposed to a file read whole whose content is wrong. Tools
 * answer it as they answer any unreadable file (the CLI: exit 3, not 2).
 */
public final class SchemaFileRefusedException extends SchemaException {

    public SchemaFileRefusedException(Path file, String message) {
        super(file, 0, message);
    }

    public SchemaFileRefusedException(String source, String message) {
        super(source, 0, message);
    }
}
