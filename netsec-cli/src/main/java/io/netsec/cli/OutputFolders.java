package io.netsec.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where training writes: the model bundle and the run folders (train, quickstart). */
final class OutputFolders {

    @Option(names = "--model-dir", defaultValue = "final_model", description = "Where the bundle goes (default: ${DEFAULT-VALUE}).")
    Path modelDir;

    @Option(names = "--runs-dir", defaultValue = "runs", description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    Path runsDir;
}
