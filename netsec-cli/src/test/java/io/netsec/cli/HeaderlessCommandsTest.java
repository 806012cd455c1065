package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsec.cli.CliRunner.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate}, {@code train} and {@code predict} on NSL-KDD, whose files have no header line ({@code header: false}). */
class HeaderlessCommandsTest {

    private static final Path SCHEMA = CliRunner.REPO.resolve("data_schema/nslkdd.yaml");
    private static final Path DATA = CliRunner.PHISHING_DATA.resolveSibling("nslkdd_train_head.txt");

    @TempDir
    Path dir;

    @Test
    void validatesTrainsAndPredictsAFileWithoutAHeaderLine() throws Exception {
        assumeTrue(Files.isRegularFile(DATA), "the NSL-KDD head is not at " + DATA.toAbsolutePath());
        Run valid = netsec("validate", "--quiet", "--schema", SCHEMA.toString(), "--data", DATA.toString());
        assertEquals(0, valid.exitCode(), valid.err());
        assertTrue(valid.out().contains("VALID against schema 'nslkdd', 10,781 rows read"), valid.out());
        assertTrue(valid.out().contains("threat (attack) 5,067 (47.0%), benign (normal) 5,714 (53.0%)"), valid.out());

        List<String> lines = Files.readAllLines(DATA).subList(0, 2_000);
        Path head = Files.write(dir.resolve("head.txt"), lines);
        Path model = dir.resolve("model");
        Run train = netsec("train", "--quiet", "--data", head.toString(), "--schema", SCHEMA.toString(),
                "--model-dir", model.toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--models", "logistic", "--folds", "2", "--bootstrap", "20");
        assertEquals(0, train.exitCode(), train.err());

        // unlabelled rows: the 41 features only
        Path unlabelled = Files.write(dir.resolve("unlabelled.txt"),
                lines.subList(0, 50).stream().map(line -> line.substring(0, nthComma(line, 41))).toList());
        Path output = dir.resolve("scored.csv");
        Run predict = netsec("predict", "--quiet", "--model-dir", model.toString(), "--input", unlabelled.toString(),
                "--output", output.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        List<String> scored = Files.readAllLines(output);
        assertEquals(51, scored.size(), "a header line, then every row (the first one too)");
        assertTrue(scored.get(0).startsWith("duration,protocol_type,service,flag,"), scored.get(0));
        // the schema has attack families: the bundle adds each row's family
        assertTrue(scored.get(0).endsWith(",dst_host_srv_rerror_rate,prediction,probability,family"), scored.get(0));
        assertTrue(scored.get(1).startsWith(lines.get(0).substring(0, nthComma(lines.get(0), 41)) + ","), scored.get(1));
        assertTrue(scored.get(1).matches(".*,(normal|attack),[0-9.E-]+,(normal|dos|probe|r2l|u2r)$"), scored.get(1));
    }

    @Test
    void aFirstLineThatNamesTheColumnsIsBadData() throws Exception {
        assumeTrue(Files.isRegularFile(DATA), "the NSL-KDD head is not at " + DATA.toAbsolutePath());
        Path file = Files.write(dir.resolve("with-header.txt"), List.of(
                "duration,protocol_type,service", Files.readAllLines(DATA).get(0)));
        Run run = netsec("validate", "--quiet", "--schema", SCHEMA.toString(), "--data", file.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("with-header.txt, row 1: the first line names the columns, but the schema says"
                + " 'header: false'"), run.err());
        assertFalse(run.err().contains("\tat "), "one line, no stack trace: " + run.err());
    }

    private static int nthComma(String line, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = line.indexOf(',', at + 1);
        }
        return at;
    }
}
