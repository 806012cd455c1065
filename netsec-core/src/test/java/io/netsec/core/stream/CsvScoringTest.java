package io.netsec.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.Detector;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.DataException;
import io.netsec.core.testing.CsvDifferential;
import io.netsec.core.testing.TinyModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The block-parallel CSV path must read exactly what the record-by-record path reads
 * ({@link CsvRecordSource} and {@link StreamScoring}): the same cells, row numbers, scores and
 * errors, on files cut into blocks anywhere, with quotes, line ends inside quotes, CRLF, lone
 * CR, blank lines, a byte-order mark and no final line end; and every score is the model's
 * reference walk's on the same cells ({@link CsvDifferential}).
 */
class CsvScoringTest {

    private static final Detector DETECTOR = detector();

    private static Detector detector() {
        try {
            return Detector.of(TinyModels.bundle());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final String[] NUMBER_HAZARDS = {"0", "-0", "007", "+5", " 12", "12 ", "1.0", "", "1e2", "-3",
        "99999999999999999999", "123456789012345678", "-", "\t7", "12\u00007", "\u0661\u0662", "\uFF11", "1\u0665.5"};

    /** About 3 MB (three blocks and more) of rows whose id cells carry every CSV hazard. */
    private static String hostileCsv(SplittableRandom random, String lineEnd) {
        StringBuilder text = new StringBuilder("id,bytes,proto,service,label").append(lineEnd);
        String[] ids = {"plain#", "\"quoted, with comma #\"", "\"two\nlines #\"", "\"say \"\"hi\"\" #\"",
                "\"cr\r\nlf #\"", "\"#\"", "\"ünïcode #\"", "x".repeat(3000) + "#", "in\"side#"};
        for (int i = 1; i <= 40_000; i++) {
            if (random.nextInt(500) == 0) {
                text.append(lineEnd); // a blank line keeps its row number
                continue;
            }
            // Numbers as a plain record's split reads them straight from bytes, or not: leading
            // zeros, signs, spaces, decimals, too many digits, empty; now and then a ragged row.
            String bytes = random.nextInt(4) > 0 ? Integer.toString(random.nextInt(1000))
                    : NUMBER_HAZARDS[random.nextInt(NUMBER_HAZARDS.length)];
            text.append(ids[random.nextInt(ids.length)].replace("#", Integer.toString(i))).append(',')
                    .append(bytes).append(',').append(random.nextBoolean() ? "tcp" : "udp")
                    .append(",http,normal").append(random.nextInt(300) == 0 ? "," : "").append(lineEnd);
        }
        return text.toString();
    }

    private static List<String> reference(byte[] csv) throws Exception {
        return CsvDifferential.reference(DETECTOR, csv);
    }

    private static List<String> blocks(byte[] csv, int threads) throws Exception {
        return CsvDifferential.blocks(DETECTOR, csv, threads);
    }

    private static void assertSameRows(List<String> expected, List<String> actual, String label) {
        CsvDifferential.assertSameRows(expected, actual, label);
    }

    @Test
    void readsAndScoresExactlyWhatTheRecordPathDoes() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        for (String lineEnd : new String[] {"\n", "\r\n", "\r"}) {
            byte[] csv = hostileCsv(random, lineEnd).getBytes(StandardCharsets.UTF_8);
            List<String> expected = reference(csv);
            assertTrue(expected.size() > 39_000, "rows: " + expected.size());
            assertTrue(expected.stream().filter(row -> !row.contains("!")).noneMatch(CsvDifferential::hasOtherDigit),
                    "a row with a digit outside ASCII was scored");
            String label = "line end " + lineEnd.replace("\r", "CR").replace("\n", "LF");
            assertSameRows(expected, blocks(csv, 1), label);
            assertSameRows(expected, blocks(csv, 3), label);
        }
    }

    @Test
    void aByteOrderMarkAndAMissingFinalLineEndChangeNothing() throws Exception {
        String text = "id,bytes,proto,service,label\na,600,tcp,http,normal\nb,12,udp,dns,normal";
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[plain.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(plain, 0, bom, 3, plain.length);
        assertEquals(List.of("a|600|tcp|http|normal|threat|0.9", "b|12|udp|dns|normal|normal|0.1"), blocks(plain, 2));
        assertEquals(blocks(plain, 2), blocks(bom, 2));
    }

    @Test
    void rejectsGoToTheSinkInRowOrderWithTheirReasons() throws Exception {
        StringBuilder text = new StringBuilder("id,bytes,proto,service,label\n");
        for (int i = 1; i <= 30_000; i++) {
            text.append(i).append(',').append(i % 7_001 == 0 ? "lots" : "5").append(",tcp,http,normal\n");
        }
        byte[] csv = text.toString().getBytes(StandardCharsets.UTF_8);
        List<String> rows = blocks(csv, 2);
        List<String> rejects = rows.subList(rows.size() - 4, rows.size());
        assertEquals(List.of("7001", "14002", "21003", "28004"), rejects.stream().map(r -> r.split("!")[0]).toList());
        assertTrue(rejects.get(0).contains("row 7001, column 'bytes'"), rejects.get(0));
        assertEquals(reference(csv).stream().filter(r -> r.contains("!")).toList(), rejects);
    }

    @Test
    void withoutARejectSinkTheFirstBadRowStopsTheRunNamingRowAndColumn() {
        StringBuilder text = new StringBuilder("id,bytes,proto,service,label\n");
        for (int i = 1; i <= 50_000; i++) {
            text.append(i).append(',').append(i == 40_000 || i == 45_000 ? "lots" : "5").append(",tcp,http,normal\n");
        }
        DataException problem = assertThrows(DataException.class, () -> score(text.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(40_000, problem.row());
        assertEquals("bytes", problem.column());
    }

    @Test
    void malformedCsvAndBytesThatAreNotUtf8NameTheirRow() {
        byte[] unclosed = "id,bytes,proto,service,label\na,1,tcp,http,normal\n\"open,1,tcp,http,normal\n"
                .getBytes(StandardCharsets.UTF_8);
        DataException quote = assertThrows(DataException.class, () -> score(unclosed));
        assertEquals(2, quote.row());
        assertTrue(quote.getMessage().contains("malformed CSV"), quote.getMessage());

        byte[] latin1 = "id,bytes,proto,service,label\na,1,tcp,http,normal\nb,1,tcp,caf\u00e9,normal\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        DataException bytes = assertThrows(DataException.class, () -> score(latin1));
        assertEquals(2, bytes.row());
        assertEquals("service", bytes.column());
    }

    @Test
    void anEmptyFileOrAMissingColumnFailsAtOpen() {
        DataException empty = assertThrows(DataException.class,
                () -> CsvScoring.open(DETECTOR, "empty.csv", new ByteArrayInputStream(new byte[0])));
        assertTrue(empty.getMessage().contains("header line is required"), empty.getMessage());
        DataException missing = assertThrows(DataException.class, () -> CsvScoring.open(DETECTOR, "thin.csv",
                new ByteArrayInputStream("id,proto\n1,tcp\n".getBytes(StandardCharsets.UTF_8))));
        assertTrue(missing.getMessage().contains("bytes"), missing.getMessage());
    }

    @Test
    void aRowWithoutEndIsRefusedBeforeItExhaustsMemory() throws Exception {
        byte[] header = "id,bytes,proto,service,label\n".getBytes(StandardCharsets.UTF_8);
        java.io.InputStream endless = new java.io.SequenceInputStream(new ByteArrayInputStream(header), new java.io.InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        });
        try (CsvScoring scoring = CsvScoring.open(DETECTOR, "endless.csv", endless)) {
            DataException problem = assertThrows(DataException.class,
                    () -> scoring.scoreTo(new ByteArrayOutputStream(), 1, null, scored -> { }));
            assertEquals(1, problem.row());
            assertTrue(problem.getMessage().contains("longer than 64 MB"), problem.getMessage());
        }
    }

    private static CsvScoring.Totals score(byte[] csv) throws Exception {
        try (CsvScoring scoring = CsvScoring.open(DETECTOR, "in.csv", new ByteArrayInputStream(csv))) {
            return scoring.scoreTo(new ByteArrayOutputStream(), 2, null, scored -> { });
        }
    }

    @Test
    void aLineIsQuotedOnlyWhereACellNeedsIt() throws Exception {
        assertEquals("plain,\"a, b\",\"say \"\"hi\"\"\"\n",
                io.netsec.core.data.CsvOutput.line(List.of("plain", "a, b", "say \"hi\"")));
    }

    @Test
    void aHeaderOrRowsLongerThanTheFirstBlocksAreReadWhole() throws Exception {
        // the first blocks are small (CsvBlocks.FIRST_BLOCK) and double: a header, then rows,
        // longer than several of them must still be read whole
        String wide = "note" + "n".repeat(3 * CsvBlocks.FIRST_BLOCK);
        StringBuilder text = new StringBuilder("id,bytes,proto,service,label," + wide + "\n");
        for (int i = 1; i <= 2_000; i++) {
            String note = i % 500 == 0 ? "x".repeat(5 * CsvBlocks.FIRST_BLOCK) : "short";
            text.append(i).append(',').append(i % 1000).append(",tcp,http,normal,").append(note).append('\n');
        }
        byte[] csv = text.toString().getBytes(StandardCharsets.UTF_8);
        List<String> expected = reference(csv);
        assertEquals(2_000, expected.size());
        assertSameRows(expected, blocks(csv, 1), "one thread");
        assertSameRows(expected, blocks(csv, 2), "two threads");
    }

    @Test
    void aRecordLongerThanABlockGrowsOnlyItsOwnBlock() throws Exception {
        StringBuilder text = new StringBuilder("id,bytes,proto,service,label,note\n");
        for (int i = 1; i <= 120_000; i++) {
            String note = i == 100 ? "x".repeat(3 * CsvBlocks.BLOCK) : "short";
            text.append(i).append(',').append(i % 1000).append(",tcp,http,normal,").append(note).append('\n');
        }
        byte[] csv = text.toString().getBytes(StandardCharsets.UTF_8);
        int pastLongRecord = text.indexOf("\n101,") + CsvBlocks.BLOCK;
        int[] largestReadAfter = {0};
        java.io.InputStream in = new ByteArrayInputStream(csv) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (pos > pastLongRecord) {
                    largestReadAfter[0] = Math.max(largestReadAfter[0], len);
                }
                return super.read(b, off, len);
            }
        };
        try (CsvScoring scoring = CsvScoring.open(DETECTOR, "in.csv", in)) {
            assertEquals(120_000, scoring.scoreTo(new ByteArrayOutputStream(), 2, null, scored -> { }).scored());
        }
        assertTrue(largestReadAfter[0] > 0, "the input goes on past the long record");
        assertTrue(largestReadAfter[0] <= CsvBlocks.BLOCK, "blocks after the long record are bounded again: "
                + largestReadAfter[0] + " bytes asked at once");
    }

    @Test
    void theOutputKeepsEachInputRowsBytes() throws Exception {
        byte[] csv = "id,bytes,proto,service,label\r\n\"q, 1\",600,tcp,http,normal\r\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvScoring scoring = CsvScoring.open(DETECTOR, "in.csv", new ByteArrayInputStream(csv))) {
            scoring.scoreTo(out, 1, null, scored -> { });
        }
        assertEquals("id,bytes,proto,service,label,prediction,probability\n\"q, 1\",600,tcp,http,normal,threat,0.9\n",
                out.toString(StandardCharsets.UTF_8));
    }
}
