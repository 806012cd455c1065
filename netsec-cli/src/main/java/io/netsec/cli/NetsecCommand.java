package io.netsec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code netsec} command: one subcommand per pipeline task. */
@Command(
        name = "netsec",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "NetSec Detector: schema-driven detection of network threats (phishing sites first).",
                "",
                "Start with:  netsec quickstart",
        },
        subcommands = {
                QuickstartCommand.class,
                ValidateCommand.class,
                TrainCommand.class,
                EvaluateCommand.class,
                PredictCommand.class,
                DataCommand.class,
                PushDataCommand.class,
                RunsCommand.class,
                ModelCommand.class,
                CommandLine.HelpCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:an unexpected internal error (run again with --verbose and report it)",
                "2:the data breaks its schema, or the schema file is invalid",
                "3:a file, folder or model bundle cannot be read or written",
                "4:a service (MongoDB, MLflow, a download) cannot be reached",
                "64:wrong command-line usage",
        })
public final class NetsecCommand implements Runnable {

    // The MongoDB driver warns on stderr, through java.util.logging, that SLF4J is absent; the
    // command line logs nothing anyway. Held here because JUL keeps loggers only weakly.
    private static final java.util.logging.Logger MONGODB_LOGGING_NOTICE =
            java.util.logging.Logger.getLogger("org.mongodb.driver");

    static {
        MONGODB_LOGGING_NOTICE.setLevel(java.util.logging.Level.OFF);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    // Weka's optional native linear algebra logs a warning on every start when it is absent; it is not used here.
    private static final java.util.logging.Logger NETLIB_LOG = java.util.logging.Logger.getLogger("com.github.fommil");

    public static void main(String[] args) {
        NETLIB_LOG.setLevel(java.util.logging.Level.OFF);
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new NetsecCommand());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
