package io.netsec.cli;

import io.netsec.core.CredentialMask;
import io.netsec.core.bundle.BundleException;
import io.netsec.core.data.DataException;
import io.netsec.core.schema.SchemaException;
import io.netsec.core.schema.SchemaFileRefusedException;
import io.netsec.experiment.tracking.MlflowConnection;
import io.netsec.ingestion.fetch.DownloadException;
import io.netsec.ingestion.mongo.MongoAccessException;
import io.netsec.ingestion.mongo.MongoConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Maps every failure a user can act on to one line on stderr and its documented exit code;
 * anything else is a bug and gets exit code 1. Stack traces only with {@code --verbose}. Neither
 * the line nor the trace shows a secret of a connection string or URL the user gave.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        Throwable failure = ex instanceof UncheckedIOException unchecked ? unchecked.getCause() : ex;
        int code = exitCode(failure);
        List<String> uris = typedUris(parseResult.originalArgs());
        String message = CredentialMask.text(message(failure, code), uris);
        var err = commandLine.getErr();
        err.println("netsec " + commandLine.getCommandName() + ": " + message);
        if (CommonOptions.verboseErrors || verbose(parseResult)) {
            // A cause's message may quote a connection string (a driver's, a URI parser's).
            err.print(CredentialMask.stackTrace(failure, uris));
        }
        err.flush();
        return code;
    }

    /** Whether {@code --verbose} was given to the command or any subcommand (a command may fail before it reads it). */
    private static boolean verbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult command = parseResult; command != null; command = command.subcommand()) {
            if (command.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The connection strings and URLs the user gave, as arguments or in the environment, whose
     * secrets no line on stderr may show, whatever failed and whatever it quotes.
     */
    static List<String> typedUris(List<String> args) {
        List<String> uris = new ArrayList<>();
        for (String arg : args) {
            int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String value = equals > 0 ? arg.substring(equals + 1) : arg;
            if (CredentialMask.looksLikeUri(value)) {
                uris.add(value);
            }
        }
        for (String variable : List.of(MongoConnection.URI_VARIABLE, MlflowConnection.URI_VARIABLE)) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                uris.add(value);
            }
        }
        return uris;
    }

    static int exitCode(Throwable failure) {
        if (failure instanceof SchemaFileRefusedException) {
            return ExitCodes.IO; // the file could not be read, as with any other file
        }
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
