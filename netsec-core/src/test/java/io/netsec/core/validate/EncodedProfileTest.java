package io.netsec.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A profile built from encoded rows (what a bundle keeps of its training data, what the service
 * counts of its traffic) is the profile {@code netsec validate} reads from the file: so the
 * service's drift verdicts are the command's.
 */
class EncodedProfileTest {

    @Test
    void encodedPhishingRowsProfileAsTheirFile() throws IOException {
        DataSchema schema = SchemaLoader.load(TestData.phishingSchema()).schema();
        assertSameProfile(schema, TestData.phishingCsv());
    }

    @Test
    void categoriesAreComparedByTheirText() throws IOException {
        DataSchema schema = SchemaLoader.load(TestData.networkTrafficSchema()).schema();
        String csv = """
                id,duration,protocol_type,service,src_bytes,dst_bytes,flag,srv_error_rate,label
                a,1,tcp,http,100,200,SF,0.5,normal
                b,2,udp,dns,100,300,SF,0.25,satan
                c,3,tcp,http,150,300,REJ,,normal
                """;
        Dataset data;
        try (CsvRecordSource source = open(schema, csv)) {
            data = DatasetReader.read(source, schema, null, null);
        }
        DataProfile encoded = EncodedProfile.of("inline", data.features(), data.vocabularies(), data.rows());
        DataProfile read;
        try (CsvRecordSource source = open(schema, csv)) {
            read = DataProfile.of(source, schema);
        }
        assertEquals(read.columns(), encoded.columns());
        assertEquals(List.of("http", "dns"), data.vocabularies().get(schema.features().indexOf(schema.column("service"))));
    }

    @Test
    void aCodeOutsideTheVocabularyIsAnUnseenCategory() {
        DataSchema schema = SchemaLoader.load(TestData.networkTrafficSchema()).schema();
        Map<Double, long[]> counts = new HashMap<>();
        EncodedProfile.count(counts, 0);
        EncodedProfile.count(counts, -1);
        EncodedProfile.count(counts, Double.NaN);
        ColumnDistribution service = EncodedProfile.column(schema.column("service"), List.of("http"), counts);
        assertEquals(List.of("(unseen)", "http"), service.categories());
        assertEquals(2, service.total(), "a missing value is left out");
    }

    private static void assertSameProfile(DataSchema schema, java.nio.file.Path file) throws IOException {
        Dataset data;
        try (CsvRecordSource source = CsvRecordSource.open(file, schema)) {
            data = DatasetReader.read(source, schema, null, null);
        }
        DataProfile read;
        try (CsvRecordSource source = CsvRecordSource.open(file, schema)) {
            read = DataProfile.of(source, schema);
        }
        DataProfile encoded = EncodedProfile.of(file.toString(), data.features(), data.vocabularies(), data.rows());
        assertEquals(read.rows(), encoded.rows());
        assertEquals(read.columns(), encoded.columns());
    }

    private static CsvRecordSource open(DataSchema schema, String csv) throws IOException {
        return CsvRecordSource.open("inline", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), schema);
    }
}
