package io.netsec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netsec data}: commands that make or fetch data sets. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Make or fetch data sets.",
        subcommands = {
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
