package io.netsec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netsec runs}: commands on the run folders training leaves. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Work with the run folders of past trainings.",
        subcommands = {RunsSyncCommand.class})
public final class RunsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
