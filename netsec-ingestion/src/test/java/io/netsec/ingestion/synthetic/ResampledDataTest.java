package io.netsec.ingestion.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.data.RawRecord;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.testing.RepoSchemas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResampledDataTest {

    @TempDir
    Path folder;

    private ResampledData source(DataSchema schema, long seed, int rows) throws IOException {
        Path file = folder.resolve("source-" + seed + ".csv");
        SyntheticData.of(schema, seed).withMissingRate(0).write(rows, file);
        return ResampledData.read(file, schema);
    }

    private static byte[] draw(ResampledData data, long rows, int changed, long seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        data.write(rows, changed, seed, out, null);
        return out.toByteArray();
    }

    private static List<String[]> rows(DataSchema schema, byte[] csv) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (CsvRecordSource source = CsvRecordSource.open("drawn.csv", new ByteArrayInputStream(csv), schema)) {
            for (RawRecord record; (record = source.next()) != null; ) {
                rows.add(record.cells());
            }
        }
        return rows;
    }

    @Test
    void theSameSeedDrawsTheSameBytesAndAnotherSeedOthers() throws IOException {
        DataSchema schema = SchemaLoader.load(RepoSchemas.phishing()).schema();
        ResampledData data = source(schema, 1, 300);
        byte[] first = draw(data, 2_000, 2, 7);
        assertArrayEquals(first, draw(data, 2_000, 2, 7));
        assertFalse(java.util.Arrays.equals(first, draw(data, 2_000, 2, 8)));
    }

    @Test
    void eachRowIsASourceRowWithExactlyKFeatureCellsChangedAndTheSameLabel() throws IOException {
        DataSchema schema = SchemaLoader.load(RepoSchemas.phishing()).schema();
        ResampledData data = source(schema, 2, 200);
        int label = schema.labelIndex();
        for (int changed : new int[] {0, 2, 5}) {
            List<String[]> drawn = rows(schema, draw(data, 500, changed, 11));
            assertEquals(500, drawn.size());
            for (String[] row : drawn) {
                boolean found = false;
                for (String[] original : data.rows()) {
                    if (original[label].equals(row[label]) && featureCellsDiffering(schema, original, row) == changed) {
                        found = true;
                        break;
                    }
                }
                assertTrue(found, "no source row with the same label is " + changed + " feature cells away from "
                        + String.join(",", row));
            }
        }
    }

    @Test
    void changedCellsTakeOnlyValuesTheSchemaAllowsSoTheStrictReaderAcceptsEveryRow() throws IOException {
        DataSchema schema = SchemaLoader.load(RepoSchemas.networkTraffic()).schema();
        ResampledData data = source(schema, 3, 300);
        byte[] csv = draw(data, 3_000, 3, 5);
        try (CsvRecordSource reader = CsvRecordSource.open("drawn.csv", new ByteArrayInputStream(csv), schema)) {
            assertEquals(3_000, DatasetReader.read(reader, schema, null, null).size());
        }
        // A column without an allowed list takes values the source holds in it.
        for (ResampledData.Column column : data.changeable()) {
            ColumnSpec spec = schema.column(column.name());
            if (spec.allowed().isEmpty()) {
                for (String[] row : rows(schema, csv)) {
                    assertTrue(column.values().contains(row[column.sourceIndex()].trim()),
                            column.name() + " took a value the source does not hold: " + row[column.sourceIndex()]);
                }
            }
        }
    }

    @Test
    void moreChangedCellsThanChangeableColumnsIsRefused() throws IOException {
        DataSchema schema = SchemaLoader.load(RepoSchemas.phishing()).schema();
        ResampledData data = source(schema, 4, 100);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> draw(data, 10, data.changeable().size() + 1, 1));
        assertTrue(refused.getMessage().contains("feature columns with another value"), refused.getMessage());
    }

    @Test
    void anEmptySourceIsRefusedByName() throws IOException {
        DataSchema schema = SchemaLoader.load(RepoSchemas.phishing()).schema();
        Path empty = folder.resolve("empty.csv");
        SyntheticData.of(schema, 1).write(0, empty);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ResampledData.read(empty, schema));
        assertTrue(refused.getMessage().contains("empty.csv"), refused.getMessage());
        assertTrue(Files.exists(empty));
    }

    private static int featureCellsDiffering(DataSchema schema, String[] a, String[] b) {
        int differing = 0;
        for (ColumnSpec feature : schema.features()) {
            int at = schema.indexOf(feature.name());
            if (!a[at].trim().equals(b[at].trim())) {
                differing++;
            }
        }
        return differing;
    }
}
