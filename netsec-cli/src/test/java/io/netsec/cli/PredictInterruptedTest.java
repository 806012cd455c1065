package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.cli.CliRunner.Run;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.synthetic.SyntheticData;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code netsec predict} stopped midway by Ctrl-C (SIGINT) or {@code kill} (SIGTERM), run as a
 * process of its own: no partial file is left beside the output, and the output of an earlier run
 * is untouched. The input is a FIFO fed with 200,000 generated rows and then held open, so the run
 * is certainly midway (scored rows in its partial file, waiting for more) when the signal comes.
 */
class PredictInterruptedTest {

    @TempDir
    static Path dir;

    static Path model;

    @TempDir
    Path work;

    @BeforeAll
    static void trainASmallModel() {
        Path traffic = dir.resolve("traffic.csv");
        try {
            SyntheticData.of(SchemaLoader.load(CliRunner.TRAFFIC_SCHEMA).schema(), 3).write(300, traffic);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        model = dir.resolve("model");
        Run run = netsec("train", "--quiet", "--data", traffic.toString(), "--schema", CliRunner.TRAFFIC_SCHEMA.toString(),
                "--model-dir", model.toString(), "--runs-dir", dir.resolve("runs").toString(), "--models", "logistic",
                "--bootstrap", "10");
        assertEquals(0, run.exitCode(), run.err());
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void aStoppedRunLeavesNoPartialFileAndTheEarlierOutputWhole(String signal) throws Exception {
        Path fifo = work.resolve("traffic.fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        Path results = Files.createDirectory(work.resolve("results"));
        Path output = Files.writeString(results.resolve("scored.csv"), "yesterday's scores\n");
        Process cli = CliRunner.separateJvm(work, "predict", "--quiet", "--model-dir", model.toString(), "--input",
                        fifo.toString(), "--output", output.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("cli.log").toFile()).start();
        try (OutputStream feed = new BufferedOutputStream(Files.newOutputStream(fifo), 1 << 16)) { // waits for the reader
            SyntheticData.of(SchemaLoader.load(CliRunner.TRAFFIC_SCHEMA).schema(), 9).write(200_000, feed, rows -> { });
            feed.flush();
            Path partial = partialFileWithScoredRows(results, cli);
            new ProcessBuilder("kill", "-" + signal, Long.toString(cli.pid())).start().waitFor();
            int code = cli.waitFor();
            assertNotEquals(0, code, "stopped, not finished: " + Files.readString(work.resolve("cli.log")));
            assertTrue(!Files.exists(partial), partial + " removed by the shutdown hook");
        } catch (IOException brokenPipe) {
            // the reader is gone; what matters is checked below
        } finally {
            cli.destroyForcibly();
        }
        assertEquals(List.of(output), list(results), "no partial file left: " + Files.readString(work.resolve("cli.log")));
        assertEquals("yesterday's scores\n", Files.readString(output, StandardCharsets.UTF_8));
    }

    /** Waits for the run's partial file to hold scored rows (a minute at most, so a broken run cannot hang the build). */
    private static Path partialFileWithScoredRows(Path folder, Process cli) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && cli.isAlive()) {
            Optional<Path> partial;
            try (var files = Files.list(folder)) {
                partial = files.filter(file -> file.getFileName().toString().endsWith(".partial")).findFirst();
            }
            if (partial.isPresent() && Files.size(partial.get()) > 0) {
                return partial.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the run wrote no partial file: it " + (cli.isAlive() ? "runs" : "exited " + cli.exitValue()));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
