package io.netsec.cli;

import io.netsec.core.schema.LoadedSchema;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --schema}, defaulting to the phishing schema (train, evaluate, quickstart). */
final class SchemaOption {

    @Option(names = "--schema", description = "The schema file (default: " + SchemaFiles.DEFAULT + ").")
    Path schema;

    LoadedSchema load() throws java.io.IOException {
        return SchemaFiles.load(schema);
    }
}
