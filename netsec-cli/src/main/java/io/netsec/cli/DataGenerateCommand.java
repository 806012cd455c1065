package io.netsec.cli;

import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.file.OutputFile;
import io.netsec.ingestion.synthetic.ResampledData;
import io.netsec.ingestion.synthetic.SyntheticData;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netsec data generate}: a synthetic CSV data set for any schema, streamed to a file. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
                "Writes N synthetic rows that follow a schema: allowed values or values within min/max, made-up "
                        + "categories for open columns, missing cells in nullable columns, and a label the first "
                        + "feature carries signal about. The same seed gives the same file.",
                "With --from, draws the N rows with replacement from an existing data set instead and changes "
                        + "--change-cells feature cells of each to another value the schema allows (an allowed "
                        + "value, or another value the file holds in that column), never the label: a larger "
                        + "data set whose classes stay learnable.",
                "",
        },
        footerHeading = "%nExample:%n",
        footer = {
                "  netsec data generate --schema data_schema/network_traffic.yaml --rows 100000 --seed 7 --output traffic.csv",
                "  netsec data generate --schema data_schema/network_traffic.yaml --rows 100000 --seed 8 --shift 0.5 --output drifted.csv",
                "  netsec data generate --schema data_schema/phishing.yaml --from ../shared/data/phisingData.csv --rows 1000000 --change-cells 2 --seed 1 --output phishing-1m.csv",
        })
public final class DataGenerateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--schema", required = true, paramLabel = "FILE", description = "The schema (YAML) the rows follow.")
    Path schemaFile;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "How many data rows to write.")
    long rows;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "42", description = "The random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "The CSV file to write (replaced"
            + " once complete if it exists); '-' for standard output; a device or FIFO is written as a stream.")
    Path output;

    @Option(names = "--missing-rate", paramLabel = "R", defaultValue = "0.05",
            description = "Share of missing cells in nullable columns (default: ${DEFAULT-VALUE}).")
    double missingRate;

    @Option(names = "--threat-share", paramLabel = "S", defaultValue = "0.4",
            description = "Share of threat rows (default: ${DEFAULT-VALUE}).")
    double threatShare;

    @Option(names = "--shift", paramLabel = "X", defaultValue = "0",
            description = "Move every feature towards its high end by X in [0, 1], for drifted data (default: ${DEFAULT-VALUE}).")
    double shift;

    @Option(names = "--from", paramLabel = "FILE", description = "Draw the rows from this data file (CSV or ARFF,"
            + " held in memory) instead of making them up.")
    Path from;

    @Option(names = "--change-cells", paramLabel = "K", defaultValue = "2", description = "With --from: how many"
            + " feature cells of each drawn row change to another allowed value (default: ${DEFAULT-VALUE}).")
    int changeCells;

    @Override
    public Integer call() throws IOException {
        if (rows < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rows must not be negative");
        }
        InputFiles.requireFile(schemaFile);
        if (from != null) {
            return resample();
        }
        for (String resampleOnly : List.of("--change-cells")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(resampleOnly)) {
                throw new CommandLine.ParameterException(spec.commandLine(), resampleOnly + " needs --from");
            }
        }
        OutputFile.Kind kind = OutputFile.check(output, List.of(schemaFile));
        DataSchema schema = SchemaLoader.load(schemaFile).schema();
        SyntheticData generator;
        try {
            generator = new SyntheticData(schema, seed, missingRate, threatShare, shift);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        try (OutputFile file = OutputFile.open(output, List.of(schemaFile))) {
            try (OutputStream out = new BufferedOutputStream(file.stream(), 1 << 16)) {
                generator.write(rows, out, written -> common.progress(err, "generate: %,d rows written", written));
            }
            file.commit();
        }
        PrintWriter out = kind == OutputFile.Kind.STDOUT ? err : spec.commandLine().getOut(); // the rows are on stdout
        out.printf(Locale.ROOT, "Wrote %,d rows of schema '%s' to %s (seed %d)%n", rows, schema.name(), output, seed);
        out.flush();
        return ExitCodes.OK;
    }

    /** {@code --from}: the rows drawn from a data file, K cells of each changed. */
    private Integer resample() throws IOException {
        for (String syntheticOnly : List.of("--missing-rate", "--threat-share", "--shift")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(syntheticOnly)) {
                throw new CommandLine.ParameterException(spec.commandLine(), syntheticOnly
                        + " makes rows up; it does not apply with --from");
            }
        }
        InputFiles.requireFile(from);
        OutputFile.Kind kind = OutputFile.check(output, List.of(schemaFile, from));
        DataSchema schema = SchemaLoader.load(schemaFile).schema();
        ResampledData source = ResampledData.read(from, schema);
        if (changeCells < 0 || changeCells > source.changeable().size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--change-cells must be 0 to "
                    + source.changeable().size() + ": " + from + " has " + source.changeable().size()
                    + " feature columns with another value to take");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (OutputFile file = OutputFile.open(output, List.of(schemaFile, from))) {
            try (OutputStream out = new BufferedOutputStream(file.stream(), 1 << 16)) {
                source.write(rows, changeCells, seed, out, written -> common.progress(err, "generate: %,d rows written", written));
            }
            file.commit();
        }
        PrintWriter out = kind == OutputFile.Kind.STDOUT ? err : spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Wrote %,d rows drawn from %s (%,d rows), %d cells of each changed, to %s (seed %d)%n",
                rows, from, source.rows().size(), changeCells, output, seed);
        out.flush();
        return ExitCodes.OK;
    }
}
