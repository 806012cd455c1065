package io.netsec.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netsec.core.bundle.BundleException;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.model.ClassTrees;
import io.netsec.core.stream.JsonRecordScorer;
import io.netsec.core.testing.CsvDifferential;
import io.netsec.core.testing.TinyModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle whose model tells attack families apart: written as format version 4, loaded,
 * scored by every way in with the threat probability one minus the benign probability, and
 * answered class by class by {@link Detector#scoreFamilies}. The model is
 * {@link TinyModels#familyTrees}, on the tiny flows data (input 0 is bytes).
 */
class FamilyScoringTest {

    @TempDir
    Path dir;

    private Detector detector() throws Exception {
        TinyModels.familyBundle().writeTo(dir.resolve("model"));
        return Detector.load(dir.resolve("model"));
    }

    @Test
    void scoresTheFamilyOfARecord() throws Exception {
        Detector detector = detector();
        assertTrue(detector.hasFamilies());
        FamilyScore probe = detector.scoreFamilies(Map.of("bytes", 900, "proto", "icmp", "service", "ftp"));
        assertEquals(List.of("normal", "dos", "probe"), probe.classes());
        assertArrayEquals(new double[] {0.05, 0.45, 0.5}, probe.probabilities(), 1e-15);
        assertEquals(0.95, probe.threatProbability(), 1e-15);
        assertTrue(probe.threat());
        assertEquals("probe", probe.family(), "the most probable threat class");

        FamilyScore dos = detector.scoreFamilies(Map.of("bytes", 700, "proto", "tcp", "service", "ftp"));
        assertEquals("dos", dos.family());
        assertEquals(0.4, dos.probabilityOf("dos"), 1e-15);

        FamilyScore benign = detector.scoreFamilies(Map.of("bytes", 10, "proto", "tcp", "service", "http"));
        assertFalse(benign.threat());
        assertEquals("normal", benign.family(), "a benign record's family is the benign class");
        assertEquals(0.25, benign.threatProbability(), 1e-15);
    }

    @Test
    void aThreatBelowTheThresholdIsBenignEvenWhenAFamilyLeads() {
        // p(normal) 0.45 is not the largest, but the threat probability 0.55 is below 0.6
        FamilyScore score = FamilyScore.of(List.of("normal", "dos", "probe"), new double[] {0.45, 0.3, 0.25}, 0.6);
        assertFalse(score.threat());
        assertEquals("normal", score.family());
        FamilyScore tie = FamilyScore.of(List.of("normal", "dos", "probe"), new double[] {0.2, 0.4, 0.4}, 0.5);
        assertEquals("dos", tie.family(), "the first of equal threat classes");
    }

    @Test
    void familyScoresAreImmutable() {
        double[] p = {0.2, 0.5, 0.3};
        FamilyScore score = FamilyScore.of(List.of("normal", "dos", "probe"), p, 0.5);
        p[0] = 1;
        score.probabilities()[0] = 1;
        assertEquals(0.2, score.probabilities()[0]);
        assertThrows(UnsupportedOperationException.class, () -> score.classes().set(0, "x"));
        assertEquals(score, FamilyScore.of(List.of("normal", "dos", "probe"), new double[] {0.2, 0.5, 0.3}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> score.probabilityOf("u2r"));
        assertEquals("1 probabilities for 2 classes; a family score has one per class, and 2 classes or more",
                assertThrows(IllegalArgumentException.class,
                        () -> FamilyScore.of(List.of("normal", "dos"), new double[] {1}, 0.5)).getMessage());
    }

    @Test
    void theThreatProbabilityIsWhatScoreAnswersBitForBit() throws Exception {
        Detector detector = detector();
        for (Object bytes : new Object[] {0, 10, 499, 500, 700, 849, 850, 900, "12.5", null}) {
            Map<String, Object> record = new HashMap<>(Map.of("proto", "udp", "service", "dns"));
            record.put("bytes", bytes);
            Prediction prediction = detector.score(record);
            FamilyScore families = detector.scoreFamilies(record);
            assertEquals(prediction.probability(), families.threatProbability(), 0, "bytes " + bytes);
            assertEquals(prediction.threat(), families.threat());
            assertEquals(1 - families.probabilities()[0], prediction.probability(), 0);
            assertEquals(prediction.threat() ? "threat" : "normal", prediction.label(), "Prediction keeps the binary label");
        }
    }

    @Test
    void csvAndJsonScoreTheThreatProbability() throws Exception {
        Detector detector = detector();
        byte[] csv = TinyModels.CSV.getBytes(StandardCharsets.UTF_8);
        List<String> reference = CsvDifferential.reference(detector, csv); // each row against the reference walk
        CsvDifferential.assertSameRows(reference, CsvDifferential.blocks(detector, csv, 2), "blocks");
        // rows a..f: bytes 10, 20, missing (median 700), 900, 800, 700
        String[] expected = {"normal|0.25", "normal|0.25", "threat|0.65", "threat|0.95", "threat|0.65", "threat|0.65"};
        assertEquals(expected.length, reference.size());
        for (int i = 0; i < expected.length; i++) {
            String[] row = reference.get(i).split("\\|");
            assertEquals(expected[i].split("\\|")[0], row[row.length - 2], "row " + i);
            assertEquals(Double.parseDouble(expected[i].split("\\|")[1]), Double.parseDouble(row[row.length - 1]), 1e-15);
        }
        ObjectMapper json = new ObjectMapper();
        try (JsonParser parser = json.getFactory().createParser("{\"bytes\": 900, \"proto\": \"tcp\", \"service\": \"ftp\"}")) {
            parser.nextToken();
            double p = JsonRecordScorer.of(detector).probability(parser, "record 1");
            assertEquals(1 - detector.scoreFamilies(Map.of("bytes", 900, "proto", "tcp", "service", "ftp")).probabilities()[0],
                    p, 0);
        }
    }

    @Test
    void aBinaryBundleHasNoFamilies() throws Exception {
        Detector binary = Detector.of(TinyModels.bundle());
        assertFalse(binary.hasFamilies());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> binary.scoreFamilies(Map.of("bytes", 900, "service", "ftp")));
        assertEquals("this bundle has no families: its model scores threat or benign only (train it with a schema"
                + " whose label has families); use score()", e.getMessage());
    }

    @Test
    void isWrittenAsFormatVersion4AndReadBackEqual() throws Exception {
        ModelBundle made = TinyModels.familyBundle();
        assertEquals(ModelBundle.CLASS_MODEL_VERSION, made.manifest().formatVersion(), "raised from version 2");
        assertEquals(2, TinyModels.bundle().manifest().formatVersion(), "a binary bundle keeps its version");
        made.writeTo(dir.resolve("model"));
        assertTrue(Files.readString(dir.resolve("model").resolve(ModelBundle.MANIFEST)).contains("\"format_version\" : 4"));
        ModelBundle loaded = ModelBundle.load(dir.resolve("model"));
        assertEquals(made.model(), loaded.model());
        assertTrue(loaded.model() instanceof ClassTrees);
    }

    /** The file's text changed and its checksum recomputed, as someone who tampers with a bundle would. */
    private static void tamper(Path folder, String file, String from, String to) throws Exception {
        Path path = folder.resolve(file);
        String text = Files.readString(path);
        assertTrue(text.contains(from), from);
        Files.writeString(path, text.replace(from, to));
        String sums = Files.readString(folder.resolve(ModelBundle.CHECKSUMS)).replaceAll("[0-9a-f]{64}  " + file,
                Sha256.of(Files.readAllBytes(path)) + "  " + file);
        Files.writeString(folder.resolve(ModelBundle.CHECKSUMS), sums, StandardCharsets.US_ASCII);
    }

    @Test
    void aTamperedClassModelIsRefusedAtLoad() throws Exception {
        Path folder = dir.resolve("model");
        TinyModels.familyBundle().writeTo(folder);
        tamper(folder, ModelBundle.MODEL, "0.9,0.04,0.06", "0.9,-0.04,0.06");
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(folder));
        assertTrue(e.getMessage().contains("model.json: not a valid model: tree 0, node 1: has the class value -0.04 for"
                + " class 1; a class count or share is a finite number, not negative"), e.getMessage());
    }

    @Test
    void aClassModelInABundleOfAnOlderVersionIsRefused() throws Exception {
        Path folder = dir.resolve("model");
        TinyModels.familyBundle().writeTo(folder);
        tamper(folder, ModelBundle.MANIFEST, "\"format_version\" : 4", "\"format_version\" : 3");
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(folder));
        assertTrue(e.getMessage().endsWith("manifest.json: says format version 3, but the model tells attack families"
                + " apart, which needs version 4 (the bundle was changed by hand?); refused"), e.getMessage());
    }
}
