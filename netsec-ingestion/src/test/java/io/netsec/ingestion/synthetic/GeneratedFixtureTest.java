package io.netsec.ingestion.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.validate.ValidationOptions;
import io.netsec.core.validate.ValidationReport;
import io.netsec.core.validate.Validator;
import io.netsec.ingestion.testing.RepoSchemas;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second schema, end to end: generated, read and validated by the same schema-driven stages. */
class GeneratedFixtureTest {

    @TempDir
    Path dir;

    @Test
    void generatedNetworkTrafficPassesReaderAndValidationWithMissingValuesCounted() throws IOException {
        DataSchema schema = SchemaLoader.load(RepoSchemas.networkTraffic()).schema();
        Path csv = dir.resolve("traffic.csv");
        SyntheticData.of(schema, 11).withMissingRate(0.1).write(3_000, csv);

        ValidationReport report;
        try (CsvRecordSource source = CsvRecordSource.open(csv, schema)) {
            report = new Validator().validate(source, schema, ValidationOptions.DEFAULTS);
        }
        assertTrue(report.valid(), () -> report.toJson());
        assertEquals(3_000, report.rowsRead());
        assertEquals("network_traffic", report.schema());
        long missing = report.missingValues().get("srv_error_rate");
        assertEquals(300, missing, 60, "about 10% of the nullable column is missing");
        assertEquals(0, report.missingValues().get("duration"));
        assertEquals(3_000, report.classBalance().threat() + report.classBalance().benign());
        assertEquals(0.4, report.classBalance().threatShare(), 0.04);
        assertEquals(0, report.duplicates().duplicateRows(), "continuous durations make every row distinct");

        try (CsvRecordSource source = CsvRecordSource.open(csv, schema)) {
            Dataset dataset = DatasetReader.read(source, schema, null, null);
            assertEquals(3_000, dataset.size());
            assertEquals(report.classBalance().threat(), dataset.threatCount());
            int service = schema.features().stream().map(c -> c.name()).toList().indexOf("service");
            assertTrue(dataset.vocabularies().get(service).size() > 3, "the open column learned its categories");
        }
    }
}
