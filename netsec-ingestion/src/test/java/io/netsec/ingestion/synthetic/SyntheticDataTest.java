package io.netsec.ingestion.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.testing.RepoSchemas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {

    private static byte[] generate(SyntheticData generator, long rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.write(rows, out, null);
        return out.toByteArray();
    }

    private static Dataset read(DataSchema schema, byte[] csv) throws IOException {
        try (CsvRecordSource source = CsvRecordSource.open("generated.csv", new ByteArrayInputStream(csv), schema)) {
            assertTrue(source.header().missingColumns().isEmpty());
            return DatasetReader.read(source, schema, null, null);
        }
    }

    @Test
    void writesTheSameBytesForTheSameSeed() throws IOException {
        DataSchema schema = SchemaLoader.load(RepoSchemas.networkTraffic()).schema();
        byte[] first = generate(SyntheticData.of(schema, 7), 500);
        assertArrayEquals(first, generate(SyntheticData.of(schema, 7), 500));
        assertFalse(java.util.Arrays.equals(first, generate(SyntheticData.of(schema, 8), 500)));
    }

    @Test
    void generatesPhishingShapedRowsThatTheStrictReaderAccepts() throws IOException {
        DataSchema schema = SchemaLoader.load(RepoSchemas.phishing()).schema();
        Dataset dataset = read(schema, generate(SyntheticData.of(schema, 1), 2_000));
        assertEquals(2_000, dataset.size());
        assertEquals(0.4, dataset.threatCount() / 2_000.0, 0.04);
    }

    @Test
    void firstFeatureCarriesTheLabelSignal() throws IOException {
        DataSchema schema = SchemaLoader.load(RepoSchemas.phishing()).schema();
        Dataset dataset = read(schema, generate(SyntheticData.of(schema, 3), 4_000));
        // having_IP_Address takes {-1, 1}: its upper value should go with threats about 3 times in 4.
        double[] high = new double[2];
        double[] all = new double[2];
        for (int i = 0; i < dataset.size(); i++) {
            all[dataset.labels()[i]]++;
            if (dataset.rows()[i][0] > 0) {
                high[dataset.labels()[i]]++;
            }
        }
        assertEquals(0.75, high[1] / all[1], 0.04);
        assertEquals(0.25, high[0] / all[0], 0.04);
    }

    @Test
    void writesHeaderAndEmptyCellsForNullableColumns() throws IOException {
        DataSchema schema = SchemaLoader.load(RepoSchemas.networkTraffic()).schema();
        String csv = new String(generate(SyntheticData.of(schema, 5).withMissingRate(1), 3), StandardCharsets.UTF_8);
        String[] lines = csv.split("\n");
        assertEquals("id,duration,protocol_type,service,src_bytes,dst_bytes,flag,srv_error_rate,label", lines[0]);
        assertEquals(4, lines.length);
        assertTrue(lines[1].startsWith("1,"), lines[1]);
        assertTrue(lines[1].matches("1,[^,]+,[^,]+,[^,]+,[^,]+,[^,]+,[^,]+,,[a-z]+"), lines[1]);
    }
}
