package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.cli.CliRunner.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connection strings and URLs with a password, valid or not, given to every command that takes
 * one: the password never appears on stdout or stderr, with or without {@code --verbose}, nor in a
 * run folder. Every server named here is unreachable (port 1 of 127.0.0.1), so each command fails
 * the way it would against a server that is down, or refuses the string first.
 */
class SecretMaskingTest {

    /** In every secret below; no output may hold it, whole or in part. */
    private static final String SECRET = "S3cr3tPw";

    @TempDir
    static Path dir;

    static Path data;
    static Path model;

    @BeforeAll
    static void trainASmallModel() throws IOException {
        data = dir.resolve("small.csv");
        try (Stream<String> lines = Files.lines(CliRunner.PHISHING_DATA)) {
            Files.write(data, lines.limit(301).toList());
        }
        model = dir.resolve("model");
        Run run = netsec("train", "-q", "--data", data.toString(), "--schema", CliRunner.PHISHING_SCHEMA.toString(),
                "--model-dir", model.toString(), "--runs-dir", dir.resolve("runs").toString(), "--models", "j48",
                "--bootstrap", "20");
        assertEquals(0, run.exitCode(), run.err());
    }

    /** Runs the command in-process, catching whatever reaches the JVM's own stdout and stderr too. */
    private static Run masked(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        Run run;
        try {
            System.setOut(capture);
            System.setErr(capture);
            run = netsec(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        assertNoSecret(String.join(" ", args), run.out() + run.err() + console.toString(StandardCharsets.UTF_8));
        return run;
    }

    private static void assertNoSecret(String what, String printed) {
        assertFalse(printed.contains(SECRET) || printed.contains("3cr3t"), () -> "netsec " + what + " printed:\n" + printed);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "http://user:" + SECRET + "@127.0.0.1:1/",             // the scheme of another service
            "mongdb://user:" + SECRET + "@127.0.0.1:1/",           // a typo in the scheme
            "user:" + SECRET + "@127.0.0.1:1",                     // no scheme
            "mongodb://user:p@" + SECRET + "@127.0.0.1:1/",        // an unencoded @ in the password
            "mongodb://user:" + SECRET + ":x@127.0.0.1:1/",        // an unencoded : in the password
            "mongodb://user:pa%40" + SECRET + "@127.0.0.1:1,127.0.0.2:1/?authSource=admin", // encoded, two hosts
            "mongodb://127.0.0.1:1/?password=" + SECRET,            // a password in the query
            "mongodb://user:" + SECRET + "@127.0.0.1:1/",           // valid, the server down
    })
    void noMongodbCommandShowsThePasswordOfItsConnectionString(String uri) {
        String schema = CliRunner.PHISHING_SCHEMA.toString();
        List<String[]> commands = List.of(
                new String[] {"validate", "--schema", schema},
                new String[] {"train", "--schema", schema, "--model-dir", dir.resolve("unused").toString()},
                new String[] {"predict", "--model-dir", model.toString(), "--output", dir.resolve("scored.csv").toString()},
                new String[] {"push-data", "--schema", schema, "--data", data.toString()});
        boolean valid = uri.startsWith("mongodb://") && !uri.contains("p@") && !uri.contains(SECRET + ":");
        for (String[] command : commands) {
            for (boolean verbose : new boolean[] {false, true}) {
                List<String> args = new ArrayList<>(List.of(command));
                args.addAll(List.of("--mongodb-uri", uri, "--database", "d", "--collection", "c", "--timeout", "0.5"));
                if (verbose) {
                    args.add("--verbose");
                }
                Run run = masked(args.toArray(String[]::new));
                assertEquals(valid ? ExitCodes.UNREACHABLE : ExitCodes.USAGE, run.exitCode(), run.err());
                assertTrue(run.err().lines().anyMatch(line -> line.startsWith("netsec " + command[0] + ": ")), run.err());
                assertTrue(run.err().contains("****"), run.err());
                if (verbose) {
                    assertTrue(run.err().contains("\tat io.netsec."), "--verbose prints the trace: " + run.err());
                }
            }
        }
    }

    @Test
    void aTrackingServerWithAPasswordIsNamedWithoutItInMessagesAndTheRunFolder() throws IOException {
        String tracking = "http://user:" + SECRET + "@127.0.0.1:1";
        Path runs = dir.resolve("tracked-runs");
        Run train = masked("train", "--data", data.toString(), "--schema", CliRunner.PHISHING_SCHEMA.toString(),
                "--model-dir", dir.resolve("tracked-model").toString(), "--runs-dir", runs.toString(), "--models", "j48",
                "--bootstrap", "20", "--tracking-uri", tracking, "--verbose");
        assertEquals(ExitCodes.OK, train.exitCode(), train.err());
        assertTrue(train.err().contains("MLflow at http://127.0.0.1:1 does not answer"), train.err());
        assertTrue(train.err().contains("the record is kept in"), train.err());

        for (boolean verbose : new boolean[] {false, true}) {
            String flag = verbose ? "--verbose" : "--quiet";
            Run sync = masked("runs", "sync", "--runs-dir", runs.toString(), "--tracking-uri", tracking, flag);
            assertEquals(ExitCodes.UNREACHABLE, sync.exitCode(), sync.err());
            assertTrue(sync.out().contains("1 still pending"), sync.out());
            Run pull = masked("model", "pull", "models:/netsec-detector@champion", "--model-dir",
                    dir.resolve("pulled").toString(), "--tracking-uri", tracking + "/?token=" + SECRET, flag);
            assertEquals(ExitCodes.UNREACHABLE, pull.exitCode(), pull.err());
            assertTrue(pull.err().contains("MLflow at http://127.0.0.1:1/?token=**** failed to resolve "
                    + "models:/netsec-detector@champion"), pull.err());
        }
        try (Stream<Path> files = Files.walk(runs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(SECRET), file + " holds the password");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "htp://user:" + SECRET + "@127.0.0.1:1",
            "user:" + SECRET + "@127.0.0.1:1",
            "http://user:p@" + SECRET + "@127.0.0.1:1",
            "http://user:pa ss" + SECRET + "@127.0.0.1:1",
    })
    void aTrackingUriNoClientAcceptsIsWrongUsageAndMasked(String tracking) {
        for (String flag : new String[] {"--quiet", "--verbose"}) {
            Run train = masked("train", "--data", data.toString(), "--schema", CliRunner.PHISHING_SCHEMA.toString(),
                    "--model-dir", dir.resolve("never").toString(), "--tracking-uri", tracking, flag);
            assertEquals(ExitCodes.USAGE, train.exitCode(), train.err());
            Run sync = masked("runs", "sync", "--runs-dir", dir.resolve("runs").toString(), "--tracking-uri", tracking, flag);
            assertEquals(ExitCodes.USAGE, sync.exitCode(), sync.err());
            Run pull = masked("model", "pull", "models:/netsec-detector@champion", "--model-dir",
                    dir.resolve("pulled").toString(), "--tracking-uri", tracking, flag);
            assertEquals(ExitCodes.USAGE, pull.exitCode(), pull.err());
            assertTrue(pull.err().contains("****"), pull.err());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "http://user:" + SECRET + "@127.0.0.1:1/x.zip",
            "http://127.0.0.1:1/x.zip?token=" + SECRET,
            "http://user:p@" + SECRET + "@127.0.0.1:1/x.zip",
            "http://user:pa ss" + SECRET + "@127.0.0.1:1/x.zip",
            "htp://user:" + SECRET + "@127.0.0.1:1/x.zip",
    })
    void theDownloadUrlOfDataFetchIsMasked(String url) {
        boolean valid = url.startsWith("http://") && !url.contains("p@") && !url.contains(" ");
        Run run = masked("data", "fetch", "--url", url, "--schema", CliRunner.PHISHING_SCHEMA.toString(),
                "--output", dir.resolve("fetched.csv").toString(), "--verbose");
        assertEquals(valid ? ExitCodes.UNREACHABLE : ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("****"), run.err());
    }

    @Test
    void anArgumentPicocliCannotPlaceIsMasked() {
        Run run = masked("validate", "--schema", CliRunner.PHISHING_SCHEMA.toString(), "mongodb://user:" + SECRET + "@h/");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("mongodb://user:****@h/"), run.err());
    }

    @Test
    void connectionStringsFromTheEnvironmentAreMaskedInAProcessOfItsOwn() throws Exception {
        Run validate = process(Map.of("MONGODB_URI", "mongdb://user:" + SECRET + "@127.0.0.1:1/"),
                "validate", "--schema", CliRunner.PHISHING_SCHEMA.toString(), "--database", "d", "--collection", "c",
                "--verbose");
        assertEquals(ExitCodes.USAGE, validate.exitCode(), validate.err());
        assertTrue(validate.err().contains("mongdb://user:****@127.0.0.1:1/"), validate.err());
        Run pull = process(Map.of("MLFLOW_TRACKING_URI", "htp://user:" + SECRET + "@127.0.0.1:1"),
                "model", "pull", "models:/netsec-detector@champion", "--model-dir", dir.resolve("pulled").toString(),
                "--verbose");
        assertEquals(ExitCodes.USAGE, pull.exitCode(), pull.err());
    }

    /** The command in a JVM of its own with {@code environment} added, as a user runs it. */
    private static Run process(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NetsecCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Path out = dir.resolve("process.out");
        Path err = dir.resolve("process.err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command did not end");
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        assertNoSecret(String.join(" ", args) + " with " + environment.keySet(), run.out() + run.err());
        return run;
    }
}
