package io.netsec.cli;

import io.netsec.core.bundle.BundleException;
import io.netsec.core.data.DataException;
import io.netsec.ingestion.fetch.DownloadException;
import io.netsec.ingestion.mongo.MongoAccessException;
import io.netsec.core.schema.SchemaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;

/**
 * Maps every failure a user can act on to one line on stderr and its documented exit code;
 * anything else is a bug and gets exit code 1. Stack traces only with {@code --verbose}.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        Throwable failure = ex instanceof UncheckedIOException unchecked ? unchecked.getCause() : ex;
        int code = exitCode(failure);
        String message = message(failure, code);
        var err = commandLine.getErr();
        err.println("netsec " + commandLine.getCommandName() + ": " + message);
        if (CommonOptions.verboseErrors || parseResult.hasMatchedOption("--verbose")) {
            failure.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static int exitCode(Throwable failure) {
        if (failure instanceof DataException || failure instanceof SchemaException) {
            return ExitCodes.INVALID_DATA;
        }
        if (failure instanceof UserFacingException userFacing) {
            return userFacing.exitCode();
        }
        if (failure instanceof DownloadException || failure instanceof MongoAccessException) {
            return ExitCodes.UNREACHABLE;
        }
        if (failure instanceof BundleException) {
            return ExitCodes.IO;
        }
        if (failure instanceof IOException) {
            return ExitCodes.IO;
        }
        return ExitCodes.INTERNAL;
    }

    static String message(Throwable failure, int code) {
        if (failure instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file or folder";
        }
        if (failure instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        if (failure instanceof NotDirectoryException e) {
            return e.getFile() + ": is not a folder";
        }
        if (failure instanceof FileAlreadyExistsException e && e.getReason() == null) {
            return e.getFile() + ": already exists";
        }
        if (failure instanceof DirectoryNotEmptyException e) {
            return e.getFile() + ": the folder is not empty";
        }
        // ModelFolderRefusedException, OutputFileRefusedException, RunFolderException among others:
        // the file, then what is wrong and what to do
        if (failure instanceof FileSystemException e) {
            return e.getFile() + ": " + (e.getReason() == null ? e.toString() : e.getReason());
        }
        if (code == ExitCodes.INTERNAL) {
            return "internal error: " + failure + " (run again with --verbose for the stack trace)";
        }
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }
}
