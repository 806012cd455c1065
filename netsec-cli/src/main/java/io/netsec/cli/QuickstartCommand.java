package io.netsec.cli;

import io.netsec.ingestion.DataInput;
import io.netsec.core.bundle.ModelFolder;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.training.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netsec quickstart}: data (fetched if none is given), validation, training, a bundle in final_model/. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {
                "The whole job in one command: uses --data, or network_data/phishing.csv, or downloads the public",
                "UCI Phishing Websites data; validates it; trains with honest evaluation; writes final_model/;",
                "prints the test metrics and how to serve the model.",
        },
        footerHeading = "%nExamples:%n",
        footer = {"  netsec quickstart", "  netsec quickstart --data ../shared/data/phisingData.csv"})
public final class QuickstartCommand implements Callable<Integer> {

    static final Path DEFAULT_DATA = Path.of("network_data", "phishing.csv");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    TrainingOptionsMixin protocol;

    @Option(names = "--data", description = "The labelled data (default: " + "network_data/phishing.csv, downloaded when missing).")
    Path data;

    @Mixin
    SchemaOption schema;

    @Mixin
    OutputFolders folders;

    @Override
    public Integer call() throws Exception {
        common.verbose();
        LoadedSchema loaded = schema.load();
        Path input = data != null ? data : DEFAULT_DATA;
        if (data != null || Files.exists(DEFAULT_DATA)) {
            TrainCommand.requireTargets(new DataInput.FileInput(input), folders.modelDir);
        } else {
            ModelFolder.requireReplaceable(folders.modelDir); // before the download
        }
        if (data == null && !Files.exists(DEFAULT_DATA)) {
            common.progress(spec.commandLine().getErr(), "no data given and %s is missing: downloading the public data set",
                    DEFAULT_DATA);
            try {
                input = PublicData.fetch(spec, common, loaded, DEFAULT_DATA);
            } catch (io.netsec.ingestion.fetch.DownloadException e) {
                throw new UserFacingException(ExitCodes.UNREACHABLE, e.getMessage()
                        + "; without internet, give your copy with --data FILE or put it at " + DEFAULT_DATA, e);
            }
        }
        TrainingRun run = TrainCommand.train(spec, common, protocol, new DataInput.FileInput(input), loaded, folders.modelDir, folders.runsDir);
        TrainCommand.print(spec, run);
        var out = spec.commandLine().getOut();
        out.printf("%nScore a file:   ./netsec predict --model-dir %s --input %s%n", folders.modelDir, input);
        out.printf("Embed it:       Detector.load(Path.of(\"%s\")).score(record)  (netsec-core)%n", folders.modelDir);
        out.flush();
        return ExitCodes.OK;
    }
}
