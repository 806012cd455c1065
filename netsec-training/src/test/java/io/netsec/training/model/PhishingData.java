package io.netsec.training.model;

import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The UCI phishing data set as a training matrix, read once per test JVM from the folder Maven names. */
final class PhishingData {

    private static TrainingMatrix matrix;

    private PhishingData() {
    }

    static synchronized TrainingMatrix matrix() {
        if (matrix == null) {
            matrix = TrainingMatrix.of(read());
        }
        return matrix;
    }

    private static Dataset read() {
        Path csv = Path.of(System.getProperty("netsec.data.dir", "../../shared/data")).resolve("phisingData.csv");
        Path schemaFile = Path.of(System.getProperty("netsec.repo.dir", "..")).resolve("data_schema/phishing.yaml");
        if (!Files.isRegularFile(csv)) {
            throw new IllegalStateException("test data not found at " + csv.toAbsolutePath()
                    + ": set -Dnetsec.data.dir to the folder holding phisingData.csv");
        }
        try {
            DataSchema schema = SchemaLoader.load(schemaFile).schema();
            try (CsvRecordSource source = CsvRecordSource.open(csv, schema)) {
                return DatasetReader.read(source, schema, null, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
