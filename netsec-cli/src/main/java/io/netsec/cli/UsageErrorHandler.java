package io.netsec.cli;

import io.netsec.core.CredentialMask;
import picocli.CommandLine;

/** Wrong usage: the error, a pointer to --help, and exit code 64. */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        // picocli quotes the arguments it could not take, a connection string among them perhaps
        commandLine.getErr().println("netsec: " + CredentialMask.text(ex.getMessage(),
                FailureHandler.typedUris(java.util.Arrays.asList(args))));
        commandLine.getErr().println("Try 'netsec " + (commandLine.getParent() == null ? "" : commandLine.getCommandName() + " ")
                + "--help' for usage.");
        commandLine.getErr().flush();
        return ExitCodes.USAGE;
    }
}
