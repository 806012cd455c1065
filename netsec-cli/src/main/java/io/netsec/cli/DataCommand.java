package io.netsec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netsec data}: commands that fetch or make data sets. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Fetch or make data sets.",
        subcommands = {
                DataFetchCommand.class,
                DataGenerateCommand.class,
        })
public final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
