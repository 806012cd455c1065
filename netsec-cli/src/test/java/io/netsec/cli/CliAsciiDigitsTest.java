package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.cli.CliRunner.Run;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.synthetic.SyntheticData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Digits outside ASCII in an integer column (Arabic-Indic "١٢", full-width "１２") are text, as a
 * user's file meets them: {@code netsec predict} exits 2 naming the row and column and writes
 * nothing, {@code netsec validate} counts the cell as the wrong type. Long.parseLong used to read
 * them as 12.
 */
class CliAsciiDigitsTest {

    @TempDir
    static Path dir;

    static Path model;
    static List<String> lines;

    @BeforeAll
    static void trainASmallModel() throws Exception {
        Path traffic = dir.resolve("traffic.csv");
        SyntheticData.of(SchemaLoader.load(CliRunner.TRAFFIC_SCHEMA).schema(), 5).write(300, traffic);
        lines = Files.readAllLines(traffic);
        model = dir.resolve("model");
        Run run = netsec("train", "--quiet", "--data", traffic.toString(), "--schema", CliRunner.TRAFFIC_SCHEMA.toString(),
                "--model-dir", model.toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--models", "logistic", "--bootstrap", "20");
        assertEquals(0, run.exitCode(), run.err());
    }

    /** The file: the header, two good rows, then a row whose src_bytes (the fifth column) is {@code cell}. */
    static Path fileWith(String cell) throws Exception {
        assertEquals("src_bytes", lines.get(0).split(",")[4]);
        String[] cells = lines.get(3).split(",", -1);
        cells[4] = cell;
        Path file = dir.resolve("in-" + Integer.toHexString(cell.hashCode()) + ".csv");
        Files.writeString(file, String.join("\n", lines.get(0), lines.get(1), lines.get(2), String.join(",", cells)) + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void predictRefusesThemNamingRowAndColumn() throws Exception {
        for (String cell : List.of("\u0661\u0662", "\uFF11\uFF12", "1\u0662")) {
            Path input = fileWith(cell);
            Path output = dir.resolve("out.csv");
            Run run = netsec("predict", "--model-dir", model.toString(), "--input", input.toString(), "--output", output.toString());
            assertEquals(ExitCodes.INVALID_DATA, run.exitCode(), cell + ": " + run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("netsec predict: " + input + ", row 3, column 'src_bytes': not an integer"), run.err());
            assertFalse(Files.exists(output), "no partial output");
        }
        Run control = netsec("predict", "--model-dir", model.toString(), "--input", fileWith("12").toString(),
                "--output", dir.resolve("control.csv").toString());
        assertEquals(0, control.exitCode(), control.err());
    }

    @Test
    void validateCountsThemAsTheWrongType() throws Exception {
        Path input = fileWith("\u0661\u0662");
        Run run = netsec("validate", "--schema", CliRunner.TRAFFIC_SCHEMA.toString(), "--data", input.toString(), "--json");
        assertEquals(ExitCodes.INVALID_DATA, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("\"wrong_type\""), run.out());
        assertTrue(run.out().contains("\"src_bytes\""), run.out());
        Run control = netsec("validate", "--schema", CliRunner.TRAFFIC_SCHEMA.toString(), "--data", fileWith("12").toString());
        assertEquals(0, control.exitCode(), control.out() + control.err());
    }
}
