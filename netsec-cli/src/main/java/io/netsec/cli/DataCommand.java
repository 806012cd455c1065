package io.netsec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netsec data}: getting and preparing data sets. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Get and prepare data sets.",
        subcommands = {
                DataFetchCommand.class,
        })
public final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
