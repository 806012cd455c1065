package io.netsec.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.Detector;
import io.netsec.core.FamilyScore;
import io.netsec.core.Prediction;
import io.netsec.core.data.RawRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A bundle of attack families scored by the CSV driver: each row gains its family (and, when
 * asked, each class's probability) after the threat columns, exactly what
 * {@link Detector#scoreFamilies} answers for the same record, on one thread or several, with
 * quoted rows, blank lines and rejected rows among them; the totals count rows per family. A
 * binary bundle's output has no family, and refuses the class probabilities.
 */
class FamilyCsvScoringTest {

    private static final Path BUNDLES = Path.of("src", "test", "resources", "bundles");
    private static final Detector FAMILIES = Detector.load(BUNDLES.resolve("v4-j48-families"));
    private static final Detector BINARY = Detector.load(BUNDLES.resolve("v2-j48"));
    private static final String HEADER = "id,duration,protocol_type,service,src_bytes,dst_bytes,flag,srv_error_rate,label";
    private static final String[] COLUMNS = HEADER.split(",");

    /**
     * Generated rows of the traffic schema: the CSV text, each row's line and record (null: rejected
     * or blank), and the row numbers of the rejected ones.
     */
    private record Rows(String csv, List<String> lines, List<Map<String, String>> records, List<Long> rejected) {
    }

    private static Rows rows(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] protocols = {"tcp", "udp", "icmp"};
        String[] flags = {"SF", "S0", "REJ", "RSTR", "SH"};
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        List<String> lines = new ArrayList<>();
        List<Map<String, String>> records = new ArrayList<>();
        List<Long> rejected = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            if (random.nextInt(200) == 0) {
                csv.append('\n'); // a blank line keeps its row number
                lines.add(null);
                records.add(null);
                continue;
            }
            String id = random.nextInt(10) == 0 ? "\"row, " + i + "\"" : Integer.toString(i);
            String protocol = random.nextInt(150) == 0 ? "xyz" : protocols[random.nextInt(3)]; // xyz: rejected
            String[] cells = {id, String.format(java.util.Locale.ROOT, "%.4f", random.nextDouble() * 3600), protocol,
                "service_" + random.nextInt(12), Integer.toString(random.nextInt(1_000_000)),
                Integer.toString(random.nextInt(1_000_000)), flags[random.nextInt(5)],
                random.nextInt(8) == 0 ? "" : String.format(java.util.Locale.ROOT, "%.4f", random.nextDouble()), "normal"};
            String line = String.join(",", cells);
            csv.append(line).append('\n');
            Map<String, String> record = new HashMap<>();
            for (int c = 0; c < cells.length; c++) {
                record.put(COLUMNS[c], cells[c]);
            }
            if (protocol.equals("xyz")) {
                rejected.add((long) i);
            }
            lines.add(protocol.equals("xyz") ? null : line);
            records.add(protocol.equals("xyz") ? null : record);
        }
        return new Rows(csv.toString(), lines, records, rejected);
    }

    private record Scored(String output, CsvScoring.Totals totals, List<Long> rejectedRows) {
    }

    private static Scored score(Detector detector, String csv, int threads, boolean classProbabilities) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> rejected = new ArrayList<>();
        try (CsvScoring scoring = CsvScoring.open(detector, "traffic.csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), classProbabilities)) {
            CsvScoring.Totals totals = scoring.scoreTo(out, threads, (RawRecord record, io.netsec.core.data.DataException problem)
                    -> rejected.add(record.row()), scored -> { });
            return new Scored(out.toString(StandardCharsets.UTF_8), totals, rejected);
        }
    }

    @Test
    void eachRowGainsTheFamilyScoreFamiliesGivesIt() throws IOException {
        Rows rows = rows(30_000, 25); // about 1.5 MB: several blocks
        Scored scored = score(FAMILIES, rows.csv(), 1, false);
        List<String> out = scored.output().lines().toList();
        assertEquals(HEADER + ",prediction,probability,family", out.get(0));
        Map<String, Long> families = new LinkedHashMap<>(Map.of("normal", 0L, "dos", 0L, "probe", 0L));
        int written = 1;
        long threats = 0;
        for (int i = 0; i < rows.lines().size(); i++) {
            if (rows.lines().get(i) == null) {
                continue;
            }
            FamilyScore expected = FAMILIES.scoreFamilies(rows.records().get(i));
            Prediction binary = FAMILIES.score(rows.records().get(i));
            assertEquals(binary.probability(), expected.threatProbability(), "the threat column is the binary answer");
            assertEquals(rows.lines().get(i) + "," + binary.label() + "," + binary.probability() + "," + expected.family(),
                    out.get(written++), "row " + (i + 1));
            families.merge(expected.family(), 1L, Long::sum);
            threats += expected.threat() ? 1 : 0;
        }
        assertEquals(out.size(), written, "one output row per scored row");
        assertEquals(rows.rejected(), scored.rejectedRows());
        // In this fixture a threat is always dos (each node's dos share is three times its probe share).
        assertTrue(rows.rejected().size() > 50 && threats > 100 && families.get("dos") == threats,
                "the data has rejects and threats: " + families);
        assertEquals(new CsvScoring.Totals(written - 1, threats, rows.rejected().size(), families), scored.totals());
        assertEquals(List.of("normal", "dos", "probe"), List.copyOf(scored.totals().families().keySet()));
        assertEquals(scored, score(FAMILIES, rows.csv(), 3, false), "several threads write what one writes");
    }

    @Test
    void classProbabilitiesFollowTheFamilyInClassOrder() throws IOException {
        Rows rows = rows(2_000, 7);
        List<String> out = score(FAMILIES, rows.csv(), 2, true).output().lines().toList();
        assertEquals(HEADER + ",prediction,probability,family,probability_normal,probability_dos,probability_probe", out.get(0));
        int written = 1;
        for (int i = 0; i < rows.lines().size(); i++) {
            if (rows.lines().get(i) != null) {
                FamilyScore expected = FAMILIES.scoreFamilies(rows.records().get(i));
                double[] p = expected.probabilities();
                assertEquals(rows.lines().get(i) + "," + FAMILIES.score(rows.records().get(i)).label() + ","
                        + expected.threatProbability() + "," + expected.family() + "," + p[0] + "," + p[1] + "," + p[2],
                        out.get(written++), "row " + (i + 1));
            }
        }
    }

    @Test
    void aBinaryBundleWritesNoFamilyAndHasNoClassProbabilities() throws IOException {
        Rows rows = rows(3_000, 11);
        Scored scored = score(BINARY, rows.csv(), 2, false);
        assertEquals(HEADER + ",prediction,probability", scored.output().lines().findFirst().orElseThrow());
        assertFalse(scored.output().contains("family") || scored.output().contains("dos"), "no family anywhere");
        assertTrue(scored.totals().families().isEmpty());
        assertEquals(new CsvScoring.Totals(scored.totals().scored(), scored.totals().threats(), scored.totals().rejected()),
                scored.totals());
        assertThrows(IllegalArgumentException.class, () -> score(BINARY, rows.csv(), 1, true));
    }
}
