package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.cli.CliRunner.Run;
import io.netsec.core.Detector;
import io.netsec.core.FamilyScore;
import io.netsec.core.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netsec predict} with a bundle that tells attack families apart (the core's fixture
 * {@code v4-j48-families}: the traffic schema's threats split into dos and probe): a
 * {@code family} column after the threat columns, {@code --probabilities all} adding each class's
 * probability, the summary counting rows per family, from a CSV file and from ARFF alike; with a
 * binary bundle no family anywhere, and {@code --probabilities all} refused as wrong usage.
 */
class FamilyPredictCommandTest {

    private static final Path BUNDLES = CliRunner.REPO.resolve("netsec-core/src/test/resources/bundles");
    private static final String HEADER = "id,duration,protocol_type,service,src_bytes,dst_bytes,flag,srv_error_rate";
    /** Rows of the traffic data the fixture bundles were trained on, and two more (benign and threat). */
    private static final List<String> ROWS = List.of(
            "1,2421.4968,udp,service_0,103560,918020,SH,0.8796",
            "2,685.2065,icmp,service_0,901846,971136,S0,0.5575",
            "3,2888.7038,udp,service_0,531468,845350,RSTR,0.0648",
            "4,1240.9295,udp,service_9,463438,796692,SH,",
            "5,422.1537,udp,service_4,769150,14410,RSTR,0.8323",
            "6,1300.5,tcp,service_6,12,40000,SF,0.25");

    @TempDir
    Path dir;

    Path families;
    Path binary;
    Path csv;

    @BeforeEach
    void copyTheBundlesAndWriteTheData() throws Exception {
        families = dir.resolve("families");
        ModelBundle.load(BUNDLES.resolve("v4-j48-families")).writeTo(families);
        binary = dir.resolve("binary");
        ModelBundle.load(BUNDLES.resolve("v2-j48")).writeTo(binary);
        List<String> lines = new ArrayList<>(List.of(HEADER));
        lines.addAll(ROWS);
        csv = Files.write(dir.resolve("traffic.csv"), lines);
    }

    /** What scoreFamilies answers for each row. */
    private List<FamilyScore> expected() {
        Detector detector = Detector.load(families);
        String[] names = HEADER.split(",");
        List<FamilyScore> scores = new ArrayList<>();
        for (String row : ROWS) {
            String[] cells = row.split(",", -1);
            Map<String, String> record = new HashMap<>();
            for (int c = 0; c < names.length; c++) {
                record.put(names[c], cells[c]);
            }
            scores.add(detector.scoreFamilies(record));
        }
        return scores;
    }

    private static String byFamily(List<FamilyScore> scores) {
        Map<String, Long> counts = new LinkedHashMap<>(Map.of());
        List.of("normal", "dos", "probe").forEach(name -> counts.put(name, 0L));
        scores.forEach(s -> counts.merge(s.family(), 1L, Long::sum));
        return PredictCommand.familiesLine(counts);
    }

    @Test
    void aFamilyColumnFollowsTheThreatColumns() throws Exception {
        Path output = dir.resolve("scored.csv");
        Run run = netsec("predict", "--model-dir", families.toString(), "--input", csv.toString(), "--output", output.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> scored = Files.readAllLines(output);
        assertEquals(HEADER + ",prediction,probability,family", scored.get(0));
        List<FamilyScore> expected = expected();
        for (int i = 0; i < ROWS.size(); i++) {
            FamilyScore s = expected.get(i);
            assertEquals(ROWS.get(i) + "," + Detector.load(families).predictionOf(s.threatProbability()).label() + "," + s.threatProbability() + "," + s.family(),
                    scored.get(i + 1));
        }
        assertTrue(expected.stream().anyMatch(FamilyScore::threat) && expected.stream().anyMatch(s -> !s.threat()), "both kinds");
        assertTrue(run.out().contains(byFamily(expected) + "\n"), run.out());
        assertTrue(run.out().contains("By family: normal "), run.out());
    }

    @Test
    void probabilitiesAllAddsEachClasssProbability() throws Exception {
        Path output = dir.resolve("scored.csv");
        Run run = netsec("predict", "--model-dir", families.toString(), "--input", csv.toString(), "--output", output.toString(),
                "--probabilities", "all");
        assertEquals(0, run.exitCode(), run.err());
        List<String> scored = Files.readAllLines(output);
        assertEquals(HEADER + ",prediction,probability,family,probability_normal,probability_dos,probability_probe", scored.get(0));
        List<FamilyScore> expected = expected();
        for (int i = 0; i < ROWS.size(); i++) {
            double[] p = expected.get(i).probabilities();
            assertTrue(scored.get(i + 1).endsWith("," + expected.get(i).family() + "," + p[0] + "," + p[1] + "," + p[2]),
                    scored.get(i + 1));
        }
    }

    @Test
    void anArffFileGetsTheSameColumnsAsItsCsv() throws Exception {
        StringBuilder arff = new StringBuilder("""
                @relation traffic
                @attribute id string
                @attribute duration numeric
                @attribute protocol_type {tcp,udp,icmp}
                @attribute service string
                @attribute src_bytes numeric
                @attribute dst_bytes numeric
                @attribute flag {SF,S0,REJ,RSTR,SH}
                @attribute srv_error_rate numeric
                @data
                """);
        ROWS.forEach(row -> arff.append(row.endsWith(",") ? row + "?" : row).append('\n'));
        Path file = Files.writeString(dir.resolve("traffic.arff"), arff);
        Path fromArff = dir.resolve("arff.csv");
        Path fromCsv = dir.resolve("csv.csv");
        Run run = netsec("predict", "--model-dir", families.toString(), "--input", file.toString(), "--output", fromArff.toString(),
                "--probabilities", "all");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(0, netsec("predict", "--model-dir", families.toString(), "--input", csv.toString(), "--output",
                fromCsv.toString(), "--probabilities", "all").exitCode());
        assertEquals(Files.readAllLines(fromCsv), Files.readAllLines(fromArff));
        assertTrue(run.out().contains(byFamily(expected()) + "\n"), run.out());
    }

    @Test
    void aBinaryBundleWritesNoFamilyAnywhere() throws Exception {
        Path output = dir.resolve("scored.csv");
        Run run = netsec("predict", "--model-dir", binary.toString(), "--input", csv.toString(), "--output", output.toString());
        assertEquals(0, run.exitCode(), run.err());
        String scored = Files.readString(output);
        assertTrue(scored.startsWith(HEADER + ",prediction,probability\n"), scored);
        assertFalse(scored.contains("family") || run.out().contains("family") || run.err().contains("family"),
                run.out() + scored);
    }

    @Test
    void probabilitiesAllOfABinaryBundleIsWrongUsage() {
        Path output = dir.resolve("scored.csv");
        Run run = netsec("predict", "--model-dir", binary.toString(), "--input", csv.toString(), "--output", output.toString(),
                "--probabilities", "all");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--probabilities all needs a bundle that tells attack families apart; " + binary
                + " scores threat or benign only"), run.err());
        assertFalse(Files.exists(output), "nothing written");
    }
}
