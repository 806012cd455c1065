package io.netsec.ingestion.file;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * An output a command may not write, because writing it would lose what is there: an input of the
 * same run (under any name), a folder, a link to a file. Its message, one line, names the path,
 * what it is, and what to give instead. Nothing was written.
 */
public final class OutputFileRefusedException extends FileSystemException {

    public OutputFileRefusedException(Path target, String reason) {
        super(target.toString(), null, reason);
    }
}
