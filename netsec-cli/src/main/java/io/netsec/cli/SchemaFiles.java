package io.netsec.cli;

import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import java.nio.file.Path;

/** Where commands look for the schema when none is given. */
final class SchemaFiles {

    static final String DEFAULT = "data_schema/phishing.yaml";

    private SchemaFiles() {
    }

    static LoadedSchema load(Path schema) throws java.io.IOException {
        Path file = schema == null ? Path.of(DEFAULT) : schema;
        InputFiles.requireFile(file);
        return SchemaLoader.load(file);
    }
}
