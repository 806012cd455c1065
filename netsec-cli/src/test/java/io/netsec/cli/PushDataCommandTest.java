package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MongoDB options of the command line, with no server: what fails before and instead of a connection. */
class PushDataCommandTest {

    private static final Path REPO = Path.of(System.getProperty("netsec.repo.dir", ".."));
    private static final String SCHEMA = REPO.resolve("data_schema/phishing.yaml").toString();
    private static final Path PHISHING =
            Path.of(System.getProperty("netsec.data.dir", "../../shared/data")).resolve("phisingData.csv");

    @TempDir
    Path dir;

    private static String closedPortUri() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "mongodb://dave:pa55word@127.0.0.1:" + socket.getLocalPort() + "/";
        }
    }

    @Test
    void unreachableServerExitsFourWithinTheTimeoutInOneLineWithoutThePassword() throws IOException {
        long started = System.nanoTime();
        var run = netsec("push-data", "-q", "--data", PHISHING.toString(), "--schema", SCHEMA,
                "--mongodb-uri", closedPortUri(), "--database", "netsec", "--collection", "phishing", "--timeout", "1.5");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(ExitCodes.UNREACHABLE, run.exitCode(), run.err());
        assertTrue(seconds < 15, "took " + seconds + " s (validation of the file included)");
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("netsec push-data: cannot reach MongoDB at mongodb://dave:****@127.0.0.1:"), run.err());
        assertFalse(run.err().contains("pa55word"), run.err());

        var train = netsec("train", "-q", "--mongodb-uri", closedPortUri(), "--database", "d", "--collection", "c",
                "--schema", SCHEMA, "--timeout", "1", "--model-dir", dir.resolve("m").toString());
        assertEquals(ExitCodes.UNREACHABLE, train.exitCode(), train.err());
        assertTrue(train.err().contains("within 1 s"), train.err());
    }

    @Test
    void fileThatBreaksTheSchemaIsRefusedBeforeAnyConnection() throws IOException {
        List<String> lines = Files.readAllLines(PHISHING);
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, List.of(lines.get(0), lines.get(1).replaceFirst("^-?1,", "7,")));
        var run = netsec("push-data", "-q", "--data", bad.toString(), "--schema", SCHEMA,
                "--mongodb-uri", closedPortUri(), "--database", "netsec", "--collection", "phishing");
        assertEquals(ExitCodes.INVALID_DATA, run.exitCode(), run.err());
        assertTrue(run.err().contains("row 1, column 'having_IP_Address'"), run.err());
        assertTrue(run.err().contains("nothing was pushed"), run.err());
    }

    @Test
    void fileAndCollectionAreExclusiveAndACollectionNeedsItsNames() {
        var both = netsec("train", "--data", PHISHING.toString(), "--database", "d", "--collection", "c");
        assertEquals(ExitCodes.USAGE, both.exitCode(), both.err());
        var noCollection = netsec("validate", "--schema", SCHEMA, "--mongodb-uri", "mongodb://127.0.0.1/", "--database", "d");
        assertEquals(ExitCodes.USAGE, noCollection.exitCode(), noCollection.err());
        assertTrue(noCollection.err().contains("--collection"), noCollection.err());
        var badQuery = netsec("predict", "--mongodb-uri", "mongodb://127.0.0.1/", "--database", "d", "--collection", "c",
                "--query", "{not json", "--model-dir", dir.toString());
        assertEquals(ExitCodes.USAGE, badQuery.exitCode(), badQuery.err());
        assertTrue(badQuery.err().contains("--query is not a JSON document"), badQuery.err());
    }
}
