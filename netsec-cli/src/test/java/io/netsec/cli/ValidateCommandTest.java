package io.netsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import io.netsec.cli.CliRunner.Run;
import static io.netsec.cli.CliRunner.netsec;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

    private static final Path PHISHING_SCHEMA = CliRunner.PHISHING_SCHEMA;
    private static final Path TRAFFIC_SCHEMA = CliRunner.TRAFFIC_SCHEMA;
    private static final Path PHISHING_DATA = CliRunner.PHISHING_DATA;


    @TempDir
    Path dir;

    @Test
    void validPhishingDataExitsZeroWithSummary() {
        Run run = netsec("validate", "--schema", PHISHING_SCHEMA.toString(), "--data", PHISHING_DATA.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("VALID against schema 'phishing', 11,055 rows read"), run.out());
        assertTrue(run.out().contains("5,206 rows repeat an earlier row (5,849 distinct rows)"), run.out());
        assertTrue(run.out().contains("64 of 5,785 distinct feature vectors occur with both classes, covering 357 rows"),
                run.out());
        assertTrue(run.out().contains("threat (phishing) 4,898 (44.3%), benign (legitimate) 6,157 (55.7%)"), run.out());
        assertTrue(run.err().contains("11,055 rows read"), "progress on stderr: " + run.err());
    }

    @Test
    void jsonOutputIsParseableAndQuietPrintsNoProgress() throws IOException {
        Run run = netsec("validate", "--schema", PHISHING_SCHEMA.toString(), "--data", PHISHING_DATA.toString(),
                "--json", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertTrue(json.get("valid").asBoolean());
        assertEquals(11_055, json.get("rows_read").asLong());
        assertEquals(64, json.at("/conflicts/conflicting_vectors").asLong());
        assertEquals(6_157, json.at("/class_balance/benign").asLong());
        assertEquals("", run.err());
    }

    @Test
    void dataThatBreaksTheSchemaExitsTwoAndListsTheProblems() throws IOException {
        Path csv = dir.resolve("bad.csv");
        String header = Files.readAllLines(PHISHING_DATA).get(0);
        String good = Files.readAllLines(PHISHING_DATA).get(1);
        Files.writeString(csv, header + "\n" + good + "\n" + good.replaceFirst("^-?1,", "7,") + "\n");
        Run run = netsec("validate", "--schema", PHISHING_SCHEMA.toString(), "--data", csv.toString(), "-q");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.out().contains("INVALID"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  2 +having_IP_Address +not_allowed +'7'\\n.*"), run.out());

        Run json = netsec("validate", "--schema", PHISHING_SCHEMA.toString(), "--data", csv.toString(), "-q", "--json");
        assertEquals(2, json.exitCode());
        JsonNode problem = new ObjectMapper().readTree(json.out()).at("/problems/0");
        assertEquals(2, problem.get("row").asLong());
        assertEquals("having_IP_Address", problem.get("column").asText());
        assertEquals("not_allowed", problem.get("kind").asText());
        assertEquals("7", problem.get("value").asText());
    }

    @Test
    void missingDataFileIsOneLineOnStderr() {
        Path missing = dir.resolve("nowhere.csv");
        Run run = netsec("validate", "--schema", PHISHING_SCHEMA.toString(), "--data", missing.toString());
        assertEquals(ExitCodes.IO, run.exitCode());
        assertEquals("netsec validate: " + missing + ": no such file or folder", run.err().strip());
        assertEquals("", run.out());
    }

    @Test
    void reportsDriftAgainstAReferenceWithoutChangingTheExitCode() throws IOException {
        Path reference = dir.resolve("reference.csv");
        Path drifted = dir.resolve("drifted.csv");
        assertEquals(0, netsec("data", "generate", "--schema", TRAFFIC_SCHEMA.toString(), "--rows", "3000",
                "--seed", "1", "--output", reference.toString()).exitCode());
        assertEquals(0, netsec("data", "generate", "--schema", TRAFFIC_SCHEMA.toString(), "--rows", "3000",
                "--seed", "2", "--shift", "0.5", "--output", drifted.toString()).exitCode());

        Run run = netsec("validate", "--schema", TRAFFIC_SCHEMA.toString(), "--data", drifted.toString(),
                "--reference", reference.toString(), "-q");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("data set drift: YES"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  duration +wasserstein_normed +.*DRIFT\\n.*"), run.out());

        Run tests = netsec("validate", "--schema", TRAFFIC_SCHEMA.toString(), "--data", drifted.toString(),
                "--reference", reference.toString(), "-q", "--json", "--drift-small-reference-rows", "5000");
        JsonNode drift = new ObjectMapper().readTree(tests.out()).get("drift");
        assertEquals("statistical_tests", drift.get("regime").asText());
        assertEquals("kolmogorov_smirnov", drift.at("/columns/0/method").asText());
        assertTrue(drift.get("dataset_drift").asBoolean());
    }

    @Test
    void rejectsAnInvalidDriftOverrideAsUsage() {
        Run run = netsec("validate", "--schema", PHISHING_SCHEMA.toString(), "--data", PHISHING_DATA.toString(),
                "--drift-p-value", "3");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().contains("'p_value' must be in (0, 1]"), run.err());
    }

    @Test
    void helpShowsAnExample() {
        Run run = netsec("validate", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("netsec validate --schema data_schema/phishing.yaml"), run.out());
        assertTrue(run.out().contains("--reference"), run.out());
    }

    @Test
    void generatesTheSameFileForTheSameSeed() throws IOException {
        Path first = dir.resolve("a.csv");
        Path second = dir.resolve("b.csv");
        Run run = netsec("data", "generate", "--schema", TRAFFIC_SCHEMA.toString(), "--rows", "200", "--seed", "9",
                "--output", first.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Wrote 200 rows of schema 'network_traffic'"), run.out());
        netsec("data", "generate", "--schema", TRAFFIC_SCHEMA.toString(), "--rows", "200", "--seed", "9",
                "--output", second.toString());
        assertEquals(Files.readString(first), Files.readString(second));
        assertEquals(201, Files.readAllLines(first).size());
        Run validation = netsec("validate", "--schema", TRAFFIC_SCHEMA.toString(), "--data", first.toString(), "-q");
        assertEquals(0, validation.exitCode(), validation.out());
        assertFalse(validation.out().contains("Missing values:     none"), "srv_error_rate has missing cells");
    }
}
