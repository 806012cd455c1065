package io.netsec.cli;

import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.DataSchema;
import java.io.IOException;
import java.nio.file.Path;

/** Opens a data file as a record source. */
final class DataFiles {

    private DataFiles() {
    }

    static RecordSource open(Path file, DataSchema schema) throws IOException {
        return CsvRecordSource.open(file, schema);
    }
}
