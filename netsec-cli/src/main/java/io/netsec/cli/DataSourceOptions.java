package io.netsec.cli;

import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The data of {@code train} and {@code validate}: {@code --data FILE} or a collection, exactly one. */
final class DataSourceOptions {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The data file (CSV, or ARFF by extension).")
    Path file;

    @ArgGroup(exclusive = false, heading = "Or read the data from MongoDB:%n")
    CollectionSourceOptions collection;

    DataInput input() {
        return DataInput.of(file, collection);
    }
}
