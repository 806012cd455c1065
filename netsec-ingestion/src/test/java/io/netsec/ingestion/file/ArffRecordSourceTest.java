package io.netsec.ingestion.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.testing.PhishingArchive;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArffRecordSourceTest {

    private static final DataSchema SCHEMA = SchemaLoader.parse("s.yaml", """
            name: s
            columns:
              - {name: port_no, type: integer, aliases: [port]}
              - {name: score, type: number, nullable: true}
              - {name: kind, type: categorical, nullable: true}
              - {name: Result, type: integer, role: label}
            label: {column: Result, threat: [-1]}
            """.getBytes(StandardCharsets.UTF_8)).schema();

    private static final String ARFF = """
            % a comment, as UCI files have
            @relation test

            @attribute port { -1,1 }
            @attribute score numeric
            @attribute kind string
            @attribute Result {-1,1}

            @data
            -1,2.0,'a b',-1
            1,?,x,1
            ?,0.25,?,1
            1,-3,"y,z",-1
            """;

    private static ArffRecordSource open(String text) throws IOException {
        return ArffRecordSource.open("t.arff", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), SCHEMA);
    }

    @Test
    void mapsAttributesToSchemaColumnsThroughAliases() throws IOException {
        try (ArffRecordSource source = open(ARFF)) {
            assertEquals(List.of("port", "score", "kind", "Result"), source.header().sourceColumns());
            assertEquals(0, source.header().sourceIndex(0), "ARFF 'port' is schema column 'port_no'");
            assertTrue(source.header().missingColumns().isEmpty());
            assertTrue(source.header().unexpectedColumns().isEmpty());
            assertEquals("t.arff", source.name());
        }
    }

    @Test
    void givesCellsAsACsvFileWouldHoldThem() throws IOException {
        try (ArffRecordSource source = open(ARFF)) {
            assertRecord(1, new String[] {"-1", "2", "a b", "-1"}, source.next());
            assertRecord(2, new String[] {"1", "", "x", "1"}, source.next());
            assertRecord(3, new String[] {"", "0.25", "", "1"}, source.next());
            assertRecord(4, new String[] {"1", "-3", "y,z", "-1"}, source.next());
            assertNull(source.next());
            assertNull(source.next(), "the end stays the end");
        }
    }

    private static void assertRecord(long row, String[] cells, RawRecord record) {
        assertEquals(row, record.row());
        assertArrayEquals(cells, record.cells());
    }

    @Test
    void writesIntegralNumbersWithoutFraction() {
        assertEquals("3", ArffRecordSource.numberText(3.0));
        assertEquals("-1", ArffRecordSource.numberText(-1.0));
        assertEquals("0", ArffRecordSource.numberText(-0.0));
        assertEquals("0.1", ArffRecordSource.numberText(0.1));
        assertEquals("1.0E20", ArffRecordSource.numberText(1e20));
    }

    @Test
    void malformedHeaderIsADataExceptionOfTheHeader() {
        DataException e = assertThrows(DataException.class, () -> open("@relation x\n@attribute a {1,2\n@data\n1\n"));
        assertEquals(0, e.row());
        assertEquals("t.arff, header: malformed ARFF: } expected at end of enumeration, read Token[EOL], line 3",
                e.getMessage());
    }

    @Test
    void csvTextIsNoArff() {
        DataException e = assertThrows(DataException.class, () -> open("a,b\n1,2\n"));
        assertTrue(e.getMessage().startsWith("t.arff, header: malformed ARFF: keyword @relation expected"), e.getMessage());
    }

    @Test
    void undeclaredNominalValueNamesItsRowAndLine() throws IOException {
        try (ArffRecordSource source = open(ARFF.replace("1,-3,\"y,z\",-1", "5,-3,\"y,z\",-1"))) {
            for (int i = 0; i < 3; i++) {
                source.next();
            }
            DataException e = assertThrows(DataException.class, source::next);
            assertEquals(4, e.row());
            assertEquals("t.arff, row 4: malformed ARFF: nominal value not declared in header, read Token[5], line 13",
                    e.getMessage());
        }
    }

    @Test
    void shortRowIsADataException() throws IOException {
        try (ArffRecordSource source = open(ARFF.replace("1,?,x,1", "1,?"))) {
            source.next();
            DataException e = assertThrows(DataException.class, source::next);
            assertEquals(2, e.row());
            assertTrue(e.getMessage().contains("premature end of line"), e.getMessage());
        }
    }

    @Test
    void failingStreamStaysAnIoError() throws IOException {
        IOException disk = new IOException("disk on fire");
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(ARFF.getBytes(StandardCharsets.UTF_8))) {
            int reads;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (reads++ > 0) {
                    throw disk;
                }
                return super.read(b, off, Math.min(len, 60)); // part of the header only
            }
        };
        assertSame(disk, assertThrows(IOException.class, () -> ArffRecordSource.open("t.arff", failing, SCHEMA)));
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("none.arff");
        java.nio.file.NoSuchFileException e = assertThrows(java.nio.file.NoSuchFileException.class,
                () -> RecordSources.open(file, SCHEMA));
        assertEquals(file.toString(), e.getFile());
    }

    @Test
    void recordSourcesChoosesTheReaderByExtension(@TempDir Path dir) throws IOException {
        Path arff = Files.writeString(dir.resolve("data.ARFF"), ARFF);
        Path csv = Files.writeString(dir.resolve("data.csv"), "port_no,score,kind,Result\n1,2,x,1\n");
        try (RecordSource source = RecordSources.open(arff, SCHEMA)) {
            assertInstanceOf(ArffRecordSource.class, source);
            assertEquals(4, source.header().sourceColumns().size());
        }
        try (RecordSource source = RecordSources.open(csv, SCHEMA)) {
            assertInstanceOf(CsvRecordSource.class, source);
        }
    }

    @Test
    void readsThePhishingDataSetLikeItsCsv(@TempDir Path dir) throws IOException {
        DataSchema schema = SchemaLoader.load(PhishingArchive.schemaFile()).schema();
        Path arff = PhishingArchive.writeArff(dir.resolve("Training Dataset.arff"));
        try (RecordSource fromArff = RecordSources.open(arff, schema);
             RecordSource fromCsv = RecordSources.open(PhishingArchive.csv(), schema)) {
            assertEquals("port", fromArff.header().sourceColumns().get(10));
            assertEquals(10, fromArff.header().sourceIndex(schema.indexOf("port_no")));
            assertTrue(fromArff.header().missingColumns().isEmpty());
            long rows = 0;
            for (RawRecord expected; (expected = fromCsv.next()) != null; rows++) {
                RawRecord actual = fromArff.next();
                assertEquals(expected.row(), actual.row());
                assertArrayEquals(expected.cells(), actual.cells(), "row " + expected.row());
            }
            assertNull(fromArff.next());
            assertEquals(11_055, rows);
        }
    }
}
