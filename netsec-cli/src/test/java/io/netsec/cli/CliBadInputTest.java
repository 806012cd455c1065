package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.cli.CliRunner.Run;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.synthetic.SyntheticData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken and hostile files given to {@code netsec predict} and {@code netsec validate}: each is
 * exit code 2 with one line naming the row and column at fault, never a stack trace, and
 * {@code predict} leaves no partial output.
 */
class CliBadInputTest {

    @TempDir
    static Path dir;

    static Path model;
    static String header;
    static String row;

    @BeforeAll
    static void trainASmallModel() throws Exception {
        Path traffic = dir.resolve("traffic.csv");
        SyntheticData.of(SchemaLoader.load(CliRunner.TRAFFIC_SCHEMA).schema(), 11).write(400, traffic);
        List<String> lines = Files.readAllLines(traffic);
        header = lines.get(0);
        row = lines.get(1);
        model = dir.resolve("model");
        Run run = netsec("train", "--quiet", "--data", traffic.toString(), "--schema", CliRunner.TRAFFIC_SCHEMA.toString(),
                "--model-dir", model.toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--models", "logistic", "--bootstrap", "20");
        assertEquals(0, run.exitCode(), run.err());
    }

    /** The sample row with cell {@code index} (0: id, 1: duration, 2: protocol_type) replaced. */
    static String rowWith(int index, String cell) {
        String[] cells = row.split(",", -1);
        cells[index] = cell;
        return String.join(",", cells);
    }

    static byte[] text(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param message  what {@code predict} says on its one line
     * @param report   a pattern that {@code validate}'s report (or its one line) must contain
     */
    record Bad(String name, byte[] content, String message, String report) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> files() {
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.writeBytes(text(header));
        latin1.writeBytes((rowWith(3, "caf\u00e9") + "\n").getBytes(StandardCharsets.ISO_8859_1));
        String withoutDuration = header.replaceFirst(",duration", "");
        String wide = IntStream.range(0, 20_000).mapToObj(i -> "c" + i).collect(Collectors.joining(","));
        return Stream.of(
                new Bad("empty file", new byte[0], "header: the file is empty", "header: the file is empty"),
                new Bad("missing column", text(withoutDuration, rowWith(1, "").replaceFirst(",,", ",")),
                        "header, column 'duration': missing column",
                        "Missing columns: +duration\n"),
                new Bad("duplicated column", text(header + ",duration", row + ",1"), "column 'duration': the header names this column twice",
                        "header, column 'duration': the header names this column twice"),
                new Bad("ragged row", text(header, row, row + ",extra"), "row 2: the row has", "  2 +\\(row\\) +ragged_row +'10 cells, the header has 9'"),
                new Bad("text in a numeric column", text(header, rowWith(1, "soon")), "row 1, column 'duration': not a number",
                        "  1 +duration +wrong_type +'soon'"),
                new Bad("NaN in a numeric column", text(header, rowWith(1, "NaN")), "row 1, column 'duration': not a number",
                        "  1 +duration +wrong_type +'NaN'"),
                new Bad("value outside the range", text(header, rowWith(1, "99999")), "row 1, column 'duration': outside the allowed range",
                        "  1 +duration +out_of_range +'99999'"),
                new Bad("category outside the schema", text(header, rowWith(2, "sctp")), "row 1, column 'protocol_type': not an allowed value",
                        "  1 +protocol_type +not_allowed +'sctp'"),
                new Bad("binary data", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, (byte) 0xff},
                        "header", "row 3, column '.PNG': bytes that are not UTF-8"),
                new Bad("Latin-1 bytes", latin1.toByteArray(), "row 1, column 'service': bytes that are not UTF-8",
                        "row 1, column 'service': bytes that are not UTF-8"),
                new Bad("quoted newline in a number", text(header, row, rowWith(1, "\"1\n2\"")), "row 2, column 'duration': not a number",
                        "  2 +duration +wrong_type +'1 2'"),
                new Bad("unterminated quote", text(header, rowWith(1, "\"12")), "row 1: malformed CSV", "row 1: malformed CSV"),
                new Bad("20,000 unknown columns", text(wide, "1," + "0,".repeat(19_998) + "0"), "missing columns",
                        "Unexpected columns: c0, c1, .*, c19 and 19,980 more\n"));
    }

    @ParameterizedTest(name = "predict: {0}")
    @MethodSource("files")
    void predictNamesWhatIsWrong(Bad bad) throws Exception {
        Path input = dir.resolve("in.csv");
        Files.write(input, bad.content());
        Path output = dir.resolve("out-" + Math.abs(bad.name().hashCode()) + ".csv");
        Run run = netsec("predict", "--model-dir", model.toString(), "--input", input.toString(), "--output", output.toString());
        assertEquals(ExitCodes.INVALID_DATA, run.exitCode(), bad + ": " + run.err());
        assertTrue(run.err().contains(bad.message()), bad + ": " + run.err());
        assertTrue(run.err().startsWith("netsec predict: " + input), bad + ": one line naming the file: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertFalse(Files.exists(output), "no partial output");
    }

    @ParameterizedTest(name = "validate: {0}")
    @MethodSource("files")
    void validateNamesWhatIsWrong(Bad bad) throws Exception {
        Path input = dir.resolve("in-validate.csv");
        Files.write(input, bad.content());
        Run run = netsec("validate", "--schema", CliRunner.TRAFFIC_SCHEMA.toString(), "--data", input.toString());
        assertEquals(ExitCodes.INVALID_DATA, run.exitCode(), bad + ": " + run.out() + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        String said = run.out() + run.err();
        assertTrue(java.util.regex.Pattern.compile(bad.report()).matcher(said).find(), bad + ": no '" + bad.report() + "' in " + said);
    }
}
