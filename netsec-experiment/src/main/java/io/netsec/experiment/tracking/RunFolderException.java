package io.netsec.experiment.tracking;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A run folder whose record could not be written (a full disk, say). The model bundle is written
 * before the run folder, so it is whole when this is thrown; the message, one line, names the
 * run folder and why.
 */
public final class RunFolderException extends FileSystemException {

    public RunFolderException(Path runDir, IOException cause) {
        super(runDir.toString(), null, "the run record could not be written (" + why(cause) + ")");
        initCause(cause);
    }

    private static String why(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
