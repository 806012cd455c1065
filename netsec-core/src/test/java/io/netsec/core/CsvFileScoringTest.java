package io.netsec.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.netsec.core.data.CsvOutput;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.testing.TinyModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast CSV path must write exactly what the general path (Jackson's reader, the record
 * scorer, Jackson's writer) writes, and reject the same rows with the same messages, whatever
 * the file holds: blank lines, \r\n, cells that are not small integers, quotes, non-ASCII.
 */
class CsvFileScoringTest {

    private static final String HEADER = "id,bytes,proto,service,label\n";

    /** Rows spanning several blocks, with every kind of cell the table must not take or must get right. */
    private static String rows(int count, String lineEnd) {
        String[] bytes = {"10", "900", "", "many", "01", "+5", " 7", "1.5", "-0", "-99", "999", "1000", "NA", "5e2", "0"};
        String[] protos = {"tcp", "udp", "", "sctp", "icmp"};
        String[] services = {"http", "dns", "xyz", "10"};
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            if (i % 5_001 == 0) {
                text.append(lineEnd); // a blank line keeps its row number
            }
            text.append("r").append(i).append(',').append(bytes[i % bytes.length]).append(',')
                    .append(protos[i % protos.length]).append(',').append(services[i % services.length])
                    .append(i % 7 == 0 ? ",neptune" : ",normal").append(i % 9_973 == 0 ? ",extra" : "").append(lineEnd);
        }
        return text.toString();
    }

    /** What the general path writes, and its rejections as "row: message". */
    private static String[] general(Detector detector, byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> rejected = new ArrayList<>();
        try (CsvRecordSource source = CsvRecordSource.open("in.csv", new ByteArrayInputStream(input), detector.schema());
             Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
             SequenceWriter rows = CsvOutput.rows(writer, CsvFileScoring.withScoreColumns(source.header().sourceColumns()))) {
            StreamScoring.run(detector, source, 1, new StreamScoring.Sink() {
                @Override
                public void scored(RawRecord record, double probability) throws IOException {
                    String[] cells = Arrays.copyOf(record.cells(), record.cells().length + 2);
                    cells[cells.length - 2] = detector.predictionOf(probability).label();
                    cells[cells.length - 1] = Double.toString(probability);
                    rows.write(cells);
                }

                @Override
                public void rejected(RawRecord record, DataException problem) {
                    rejected.add(record.row() + ": " + problem.getMessage());
                }
            });
        }
        return new String[] {out.toString(StandardCharsets.UTF_8), String.join("\n", rejected)};
    }

    private static String[] fast(Detector detector, byte[] input, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> rejected = new ArrayList<>();
        CsvFileScoring.run(detector, "in.csv", new ByteArrayInputStream(input), out, threads, (record, problem) ->
                rejected.add(record.row() + ": " + problem.getMessage()));
        return new String[] {out.toString(StandardCharsets.UTF_8), String.join("\n", rejected)};
    }

    private static void assertSame(String csv) throws IOException {
        Detector detector = Detector.of(TinyModels.bundle());
        byte[] input = csv.getBytes(StandardCharsets.UTF_8);
        String[] expected = general(detector, input);
        for (int threads : new int[] {1, 3}) {
            String[] actual = fast(detector, input, threads);
            assertEquals(expected[1], actual[1], "rejections with " + threads + " threads");
            assertEquals(expected[0], actual[0], "output with " + threads + " threads");
        }
    }

    @Test
    void plainFilesGiveTheGeneralPathsBytesAndRejections() throws IOException {
        assertSame(HEADER + rows(120_000, "\n"));
    }

    @Test
    void windowsLineEndsAndALastLineWithoutOne() throws IOException {
        String text = HEADER.replace("\n", "\r\n") + rows(60_000, "\r\n");
        assertSame(text.substring(0, text.length() - 2));
    }

    @Test
    void aQuotedCellHandsTheRestToTheGeneralReader() throws IOException {
        assertSame(HEADER + rows(70_000, "\n") + "q1,\"5\",tcp,\"a, \"\"b\"\"\nc\",normal\n" + rows(50_000, "\n"));
    }

    @Test
    void nonAsciiControlCharactersAndCommentMarks() throws IOException {
        assertSame(HEADER + rows(1_000, "\n") + "u1,5,tcp,caf\u00e9,normal\n" + rows(1_000, "\n"));
        assertSame(HEADER + rows(1_000, "\n") + "t1,5,tcp,a\tb,normal\n" + rows(1_000, "\n"));
        assertSame(HEADER + rows(1_000, "\n") + "h1,5,tcp,#x,normal\n" + rows(1_000, "\n"));
        assertSame(HEADER + rows(1_000, "\n") + "c1,5,tcp,x\ry,normal\n" + rows(1_000, "\n"));
    }

    @Test
    void byteOrderMarkAndQuotedHeader() throws IOException {
        assertSame("\uFEFF" + HEADER + rows(1_000, "\n"));
        assertSame("\"id\",bytes,proto,service,label\n" + rows(1_000, "\n"));
        assertSame(HEADER);
    }

    @Test
    void aRejectionRethrownStopsAtTheFirstBadRow() throws IOException {
        Detector detector = Detector.of(TinyModels.bundle());
        byte[] input = (HEADER + rows(50_000, "\n")).getBytes(StandardCharsets.UTF_8);
        DataException e = assertThrows(DataException.class, () -> CsvFileScoring.run(detector, "in.csv",
                new ByteArrayInputStream(input), new ByteArrayOutputStream(), 2, (record, problem) -> {
                    throw problem;
                }));
        assertEquals(3, e.row()); // "many" bytes
    }
}
