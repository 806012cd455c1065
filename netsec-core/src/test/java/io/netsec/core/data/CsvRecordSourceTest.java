package io.netsec.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvRecordSourceTest {

    private static final DataSchema SCHEMA = SchemaLoader.parse("s.yaml", """
            name: s
            columns:
              - {name: a, type: integer}
              - {name: b, type: categorical, nullable: true}
              - {name: y, type: string, role: label}
            label: {column: y, threat: [bad]}
            """.getBytes(StandardCharsets.UTF_8)).schema();

    private static CsvRecordSource open(byte[] bytes) throws IOException {
        return CsvRecordSource.open("t.csv", new ByteArrayInputStream(bytes), SCHEMA);
    }

    private static CsvRecordSource open(String text) throws IOException {
        return open(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsQuotedCellsWithCommasAndNewlines() throws IOException {
        try (CsvRecordSource source = open("a,b,y\n1,\"x, \"\"quoted\"\"\nline\",bad\n")) {
            RawRecord record = source.next();
            assertEquals(1, record.row());
            assertArrayEquals(new String[] {"1", "x, \"quoted\"\nline", "bad"}, record.cells());
            assertNull(source.next());
        }
    }

    @Test
    void skipsByteOrderMark() throws IOException {
        byte[] text = "\uFEFFa,b,y\n1,x,ok\n".getBytes(StandardCharsets.UTF_8);
        try (CsvRecordSource source = open(text)) {
            assertEquals(java.util.List.of("a", "b", "y"), source.header().sourceColumns());
            assertTrue(source.header().missingColumns().isEmpty());
        }
    }

    @Test
    void matchesColumnsByNameInAnyOrderAndReportsExtras() throws IOException {
        try (CsvRecordSource source = open("y,extra,A,b\nok,1,2,3\n")) {
            TableHeader header = source.header();
            assertEquals(2, header.sourceIndex(0));
            assertEquals(3, header.sourceIndex(1));
            assertEquals(0, header.sourceIndex(2));
            assertEquals(java.util.List.of("extra"), header.unexpectedColumns());
        }
    }

    @Test
    void rejectsEmptyFile() {
        DataException e = assertThrows(DataException.class, () -> open(""));
        assertTrue(e.getMessage().contains("t.csv, header: the file is empty"), e.getMessage());
    }

    @Test
    void rejectsDuplicatedHeaderName() {
        DataException e = assertThrows(DataException.class, () -> open("a,b,a,y\n"));
        assertEquals("a", e.column());
        assertTrue(e.getMessage().contains("names this column twice"), e.getMessage());
    }

    @Test
    void rejectsBytesThatAreNotUtf8WithTheirRow() throws IOException {
        byte[] latin1 = "a,b,y\n1,x,ok\n2,caf\u00e9,ok\n".getBytes(StandardCharsets.ISO_8859_1);
        try (CsvRecordSource source = open(latin1)) {
            DataException e = assertThrows(DataException.class, () -> {
                while (source.next() != null) {
                    // read to the bad row
                }
            });
            assertEquals("t.csv, row 2, column 'b': bytes that are not UTF-8 (save the file as UTF-8)", e.getMessage());
        }
    }

    @Test
    void readsThePhishingDataSet() throws IOException {
        DataSchema schema = SchemaLoader.load(TestData.phishingSchema()).schema();
        try (CsvRecordSource source = CsvRecordSource.open(TestData.phishingCsv(), schema)) {
            assertTrue(source.header().missingColumns().isEmpty());
            Dataset dataset = DatasetReader.read(source, schema, null, null);
            assertEquals(11_055, dataset.size());
            assertEquals(4_898, dataset.threatCount(), "Result -1 (phishing) is the threat class");
            assertEquals(11_055, dataset.rowNumbers()[11_054]);
        }
    }

    @Test
    void datasetReaderNamesRowAndColumnOfABadCell() throws IOException {
        try (CsvRecordSource source = open("a,b,y\n1,x,ok\nseven,x,ok\n")) {
            DataException e = assertThrows(DataException.class, () -> DatasetReader.read(source, SCHEMA, null, null));
            assertEquals(2, e.row());
            assertEquals("a", e.column());
            assertEquals("t.csv, row 2, column 'a': not an integer: 'seven'", e.getMessage());
        }
    }

    @Test
    void datasetReaderRejectsRaggedRows() throws IOException {
        try (CsvRecordSource source = open("a,b,y\n1,x\n")) {
            DataException e = assertThrows(DataException.class, () -> DatasetReader.read(source, SCHEMA, null, null));
            assertEquals("t.csv, row 1: the row has 2 cells, the header 3", e.getMessage());
        }
    }
}
