package io.netsec.cli;

import static io.netsec.cli.CliRunner.PHISHING_DATA;
import static io.netsec.cli.CliRunner.PHISHING_SCHEMA;
import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsec.cli.CliRunner.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netsec data generate --from}: rows drawn from a data set, K cells of each changed. */
class DataResampleCommandTest {

    @TempDir
    Path folder;

    @Test
    void drawsRowsFromThePhishingDataThatValidateAcceptsTheSameForTheSameSeed() throws IOException {
        assumeTrue(Files.isRegularFile(PHISHING_DATA), "the phishing data is not at " + PHISHING_DATA);
        Path first = folder.resolve("first.csv");
        Path second = folder.resolve("second.csv");
        for (Path out : List.of(first, second)) {
            Run run = netsec("data", "generate", "--schema", PHISHING_SCHEMA.toString(), "--from", PHISHING_DATA.toString(),
                    "--rows", "20000", "--change-cells", "2", "--seed", "1", "--output", out.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("Wrote 20,000 rows drawn from"), run.out());
            assertTrue(run.out().contains("2 cells of each changed"), run.out());
        }
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        List<String> lines = Files.readAllLines(first);
        assertEquals(20_001, lines.size());
        assertEquals(Files.readAllLines(PHISHING_DATA).get(0), lines.get(0), "the source's header");
        Run validate = netsec("validate", "--schema", PHISHING_SCHEMA.toString(), "--data", first.toString());
        assertEquals(0, validate.exitCode(), validate.out() + validate.err());
    }

    @Test
    void refusesOptionsThatDoNotApplyAndMoreCellsThanTheSchemaHasFeatures() throws IOException {
        Path source = folder.resolve("source.csv");
        assertEquals(0, netsec("data", "generate", "--schema", PHISHING_SCHEMA.toString(), "--rows", "100",
                "--output", source.toString()).exitCode());
        Path out = folder.resolve("out.csv");
        Run shift = netsec("data", "generate", "--schema", PHISHING_SCHEMA.toString(), "--from", source.toString(),
                "--rows", "10", "--shift", "0.5", "--output", out.toString());
        assertEquals(ExitCodes.USAGE, shift.exitCode());
        assertTrue(shift.err().contains("--shift makes rows up; it does not apply with --from"), shift.err());
        Run cells = netsec("data", "generate", "--schema", PHISHING_SCHEMA.toString(), "--from", source.toString(),
                "--rows", "10", "--change-cells", "31", "--output", out.toString());
        assertEquals(ExitCodes.USAGE, cells.exitCode());
        assertTrue(cells.err().contains("--change-cells must be 0 to 30"), cells.err());
        Run alone = netsec("data", "generate", "--schema", PHISHING_SCHEMA.toString(), "--rows", "10",
                "--change-cells", "2", "--output", out.toString());
        assertEquals(ExitCodes.USAGE, alone.exitCode());
        assertTrue(alone.err().contains("--change-cells needs --from"), alone.err());
        assertFalse(Files.exists(out), "nothing written for a refused command");
    }
}
