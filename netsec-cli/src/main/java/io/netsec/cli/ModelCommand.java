package io.netsec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netsec model}: commands on registered models. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Work with models in MLflow's model registry.",
        subcommands = {ModelPullCommand.class})
public final class ModelCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
