package io.netsec.cli;

import picocli.CommandLine;

/** Wrong usage: the error, a pointer to --help, and exit code 64. */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        commandLine.getErr().println("netsec: " + ex.getMessage());
        commandLine.getErr().println("Try 'netsec " + (commandLine.getParent() == null ? "" : commandLine.getCommandName() + " ")
                + "--help' for usage.");
        commandLine.getErr().flush();
        return ExitCodes.USAGE;
    }
}
