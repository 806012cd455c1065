package io.netsec.core.bundle;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A folder a model bundle may not be written to, because the write, which replaces the folder
 * whole, would lose what it holds: a file, a folder that is neither empty nor a bundle, the data
 * being trained on ({@link ModelFolder}). Its message is one line: the folder, what is there, and
 * what to choose instead.
 */
public final class ModelFolderRefusedException extends FileSystemException {

    ModelFolderRefusedException(Path folder, String reason) {
        super(folder.toString(), null, reason);
    }
}
