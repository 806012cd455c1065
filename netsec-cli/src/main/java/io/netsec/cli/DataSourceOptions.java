package io.netsec.cli;

import io.netsec.ingestion.DataInput;
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
        return inputOf(file, collection);
    }

    /** The file or the collection a command's options name (exactly one is given). */
    static DataInput inputOf(Path file, CollectionSourceOptions collection) {
        return file != null ? new DataInput.FileInput(file) : collection.input();
    }
}
