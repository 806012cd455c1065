package io.netsec.ingestion.file;

import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.DataSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a data file by its extension: {@code .arff} is read as Weka ARFF, anything else as CSV.
 * The ARFF reader lives here rather than in netsec-core because Weka is GPL-3.
 *
 * <pre>{@code
 * try (RecordSource source = RecordSources.open(Path.of("network_data/phishing.csv"), schema)) { ... }
 * }</pre>
 */
public final class RecordSources {

    private RecordSources() {
    }

    /** Opens {@code file} with the reader its extension calls for; the header is matched against {@code schema}. */
    public static RecordSource open(Path file, DataSchema schema) throws IOException {
        return isArff(file) ? ArffRecordSource.open(file, schema) : CsvRecordSource.open(file, schema);
    }

    /** Whether {@code file} is named like an ARFF file (case ignored). */
    public static boolean isArff(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".arff");
    }
}
