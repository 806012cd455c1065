package io.netsec.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:an unexpected internal error (run again with --verbose and report it)",
                "2:the data breaks its schema, or the schema file is invalid",
                "3:a file, folder or model bundle cannot be read or written, or is refused (writing it would lose what is there)",
                "4:a service (MongoDB, MLflow, a download) cannot be reached",
                "64:wrong command-line usage",
        })
public final class NetsecCommand implements Runnable {

    /**
     * The subcommands by the name each one's {@code @Command} gives it, in the order help lists
     * them. Written out rather than read from the annotations (NetsecCommandTest checks that they
     * agree): reading ten classes' annotations took some 40 ms of a cold start, before any command.
     */
    private static final class Subcommands {
        static final Map<String, Class<?>> BY_NAME = byName(List.of(
                Map.entry("quickstart", QuickstartCommand.class), Map.entry("validate", ValidateCommand.class),
                Map.entry("train", TrainCommand.class), Map.entry("evaluate", EvaluateCommand.class),
                Map.entry("predict", PredictCommand.class), Map.entry("data", DataCommand.class),
                Map.entry("push-data", PushDataCommand.class), Map.entry("runs", RunsCommand.class),
                Map.entry("model", ModelCommand.class), Map.entry("export", ExportCommand.class),
                Map.entry("help", CommandLine.HelpCommand.class)));

        private static Map<String, Class<?>> byName(List<Map.Entry<String, Class<?>>> commands) {
            Map<String, Class<?>> byName = new LinkedHashMap<>();
            commands.forEach(command -> byName.put(command.getKey(), command.getValue()));
            return java.util.Collections.unmodifiableMap(byName);
        }
    }

    /** The subcommands by name, in the order help lists them. */
    static Map<String, Class<?>> subcommands() {
        return Subcommands.BY_NAME;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Loggers of the libraries that warn needlessly, silenced before those libraries run (the
     * logging system's start takes some 15-40 ms, so {@code predict} of a CSV file, which runs
     * neither, skips it). Held here because JUL keeps loggers only weakly.
     */
    private static final class QuietLogs {
        // The MongoDB driver warns on stderr that SLF4J is absent; the command line logs nothing anyway.
        static final java.util.logging.Logger MONGODB = java.util.logging.Logger.getLogger("org.mongodb.driver");
        // Weka's optional native linear algebra warns on every start when it is absent; it is not used here.
        static final java.util.logging.Logger NETLIB = java.util.logging.Logger.getLogger("com.github.fommil");

        static {
            MONGODB.setLevel(java.util.logging.Level.OFF);
            NETLIB.setLevel(java.util.logging.Level.OFF);
        }

        static void install() {
            // the class's initialization does it, once
        }
    }

    /** Silences the MongoDB driver's and Weka's needless warnings; call before either runs. */
    static void quietLogs() {
        QuietLogs.install();
    }

    public static void main(String[] args) {
        BundleReadAhead.start(args); // first: the bundle loads while the rest starts
        // Picocli looks for Groovy's closure class when it first makes a command, and that miss
        // opens the 80 MB jar's directory (some 15 ms of a start; the classes come from the
        // launcher's class-data archive or AOT cache otherwise). No command here takes a Groovy closure.
        System.setProperty("picocli.disable.closures", "true");
        System.exit(newCommandLine(args).execute(args));
    }

    /** The configured command line with every subcommand, shared by {@link #main} and the tests. */
    public static CommandLine newCommandLine() {
        return newCommandLine(new String[0]);
    }

    /**
     * The configured command line for {@code args}: when they start with a subcommand's name
     * (not {@code help}), only that subcommand is built. Picocli reads every option of every
     * subcommand it is given and loads the classes they name, about a tenth of a second of a
     * short run such as {@code predict}; a run uses one.
     */
    static CommandLine newCommandLine(String[] args) {
        Map<String, Class<?>> subcommands = subcommands();
        String chosen = args.length > 0 && subcommands.containsKey(args[0]) && !"help".equals(args[0]) ? args[0] : null;
        if (!"predict".equals(chosen)) {
            quietLogs(); // predict does where it reads through Weka or MongoDB (an ARFF file, a collection)
        }
        CommandLine commandLine = new CommandLine(new NetsecCommand());
        subcommands.forEach((name, command) -> {
            if (chosen == null || chosen.equals(name)) {
                commandLine.addSubcommand(name, command);
            }
        });
        // after the subcommands: these settings reach the subcommands present when they are made
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
