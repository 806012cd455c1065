package io.netsec.cli;

import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.DataSchema;
import io.netsec.ingestion.file.RecordSources;
import java.io.IOException;
import java.nio.file.Path;

/** Opens a data file as a record source: ARFF by its extension, CSV otherwise. */
final class DataFiles {

    private DataFiles() {
    }

    static RecordSource open(Path file, DataSchema schema) throws IOException {
        return RecordSources.open(file, schema);
    }
}
