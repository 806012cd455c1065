package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.cli.CliRunner.Run;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.synthetic.SyntheticData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile paths given to the commands that write: an output that is the input (by its name, by
 * {@code ..}, by a link), a folder, a link, a device, a FIFO, {@code -}, a model folder that is not
 * a bundle, and inputs that are folders or unreadable. Each is refused with one line and exit code
 * 3 and loses nothing, or (a device, a FIFO, '-') is written as a stream and stays what it was.
 */
class CliFilePathsTest {

    @TempDir
    static Path dir;

    static Path traffic;
    static String trafficText;
    static Path model;

    @TempDir
    Path work;

    @BeforeAll
    static void trainASmallModel() throws Exception {
        traffic = dir.resolve("traffic.csv");
        SyntheticData.of(SchemaLoader.load(CliRunner.TRAFFIC_SCHEMA).schema(), 5).write(300, traffic);
        trafficText = Files.readString(traffic);
        model = dir.resolve("model");
        Run run = train(traffic, model, dir.resolve("runs"));
        assertEquals(0, run.exitCode(), run.err());
    }

    static Run train(Path data, Path modelDir, Path runsDir) {
        return netsec("train", "--quiet", "--data", data.toString(), "--schema", CliRunner.TRAFFIC_SCHEMA.toString(),
                "--model-dir", modelDir.toString(), "--runs-dir", runsDir.toString(), "--models", "logistic", "--bootstrap", "10");
    }

    static Run predict(Path input, Path output, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("predict", "--quiet", "--model-dir", model.toString(),
                "--input", input.toString(), "--output", output.toString()));
        args.addAll(List.of(more));
        return netsec(args.toArray(String[]::new));
    }

    /** One line on stderr, starting with the command and the path at fault; no stack trace. */
    static void assertOneLine(Run run, String command, Path path, String says) {
        assertEquals(ExitCodes.IO, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("netsec " + command + ": " + path + ": "), run.err());
        assertTrue(run.err().contains(says), "'" + says + "' in: " + run.err());
    }

    static List<Path> list(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    /** A copy of the traffic data in the test's own folder. */
    Path input() throws IOException {
        return Files.copy(traffic, work.resolve("in.csv"));
    }

    // --- predict --output ---

    @Test
    void predictRefusesItsInputAsOutputByNameByDotDotAndByLinks() throws Exception {
        Path input = input();
        Files.createDirectory(work.resolve("sub"));
        Path link = Files.createSymbolicLink(work.resolve("link.csv"), input);
        Path hard = Files.createLink(work.resolve("hard.csv"), input);
        for (Path output : List.of(input, work.resolve("sub/../in.csv"), link, hard)) {
            Run run = predict(input, output);
            assertOneLine(run, "predict", output, "is the input");
            assertEquals(trafficText, Files.readString(input), "the input is whole: " + output);
        }
        Run byLink = predict(link, input); // the input named by the link, the output by its own name
        assertOneLine(byLink, "predict", input, "is the input");
        assertEquals(List.of(hard, input, link, work.resolve("sub")), list(work), "nothing written");
    }

    @Test
    void predictRefusesAFolderALinkAndAFileInsideTheModelFolder() throws Exception {
        Path input = input();
        Path folder = Files.createDirectory(work.resolve("results"));
        assertOneLine(predict(input, folder), "predict", folder, "is a folder; name a file");
        Path precious = Files.writeString(work.resolve("precious.txt"), "keep me");
        Path link = Files.createSymbolicLink(work.resolve("out.csv"), precious);
        assertOneLine(predict(input, link), "predict", link, "is a symbolic link");
        assertEquals("keep me", Files.readString(precious));
        Path insideModel = model.resolve("model.json");
        String modelJson = Files.readString(insideModel);
        assertOneLine(predict(input, insideModel), "predict", insideModel, "is inside " + model);
        assertEquals(modelJson, Files.readString(insideModel));
        assertEquals(List.of(input, link, precious, folder), list(work), "no partial file left");
        assertEquals(List.of(), list(folder));
    }

    @Test
    void predictReplacesAnExistingOutputFile() throws Exception {
        Path input = input();
        Path output = Files.writeString(work.resolve("scored.csv"), "yesterday's scores");
        Run run = predict(input, output);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.readString(output).startsWith("id,duration,"), "replaced");
        assertEquals(List.of(input, output), list(work));
    }

    @Test
    void predictWritesToAFifoAsAStream() throws Exception {
        Path input = input();
        Path fifo = work.resolve("fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Run run = predict(input, fifo);
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(Files.isRegularFile(fifo), "still a FIFO"); // before waiting on the reader, which a replaced FIFO would keep waiting
        assertEquals(301, read.get().lines().count(), "the header and 300 scored rows came through the FIFO");
        assertEquals(List.of(fifo, input), list(work), "no partial file");
    }

    /**
     * Device nodes of our own with the numbers of /dev/null and /dev/full: the old code renamed its
     * output over them, and so would have replaced the system's. Making them needs root.
     */
    @Test
    void predictWritesToADeviceAsAStreamAndADeviceThatIsFullIsOneLine() throws Exception {
        Path input = input();
        Path nullDevice = work.resolve("null");
        Path fullDevice = work.resolve("full");
        Assumptions.assumeTrue(new ProcessBuilder("mknod", nullDevice.toString(), "c", "1", "3").start().waitFor() == 0
                && new ProcessBuilder("mknod", fullDevice.toString(), "c", "1", "7").start().waitFor() == 0,
                "making device nodes needs root");
        Run toNull = predict(input, nullDevice);
        assertEquals(0, toNull.exitCode(), toNull.err());
        Run toFull = predict(input, fullDevice);
        assertEquals(ExitCodes.IO, toFull.exitCode(), toFull.err());
        assertEquals(1, toFull.err().lines().count(), toFull.err());
        assertTrue(toFull.err().contains("No space left on device"), toFull.err());
        for (Path device : List.of(nullDevice, fullDevice)) {
            assertTrue(Files.exists(device) && !Files.isRegularFile(device) && !Files.isDirectory(device), device + " kept");
        }
        assertEquals(List.of(fullDevice, input, nullDevice), list(work), "no partial file");
    }

    @Test
    void predictWritesToStandardOutputWithADashAndTheSummaryToStderr() throws Exception {
        Path input = input();
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Run run;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run = netsec("predict", "--model-dir", model.toString(), "--input", input.toString(), "--output", "-");
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, run.exitCode(), run.err());
        String rows = captured.toString(StandardCharsets.UTF_8);
        assertTrue(rows.startsWith("id,duration,") && rows.lines().count() == 301, rows.lines().limit(2).toList().toString());
        assertEquals("", run.out(), "standard output holds the rows only");
        assertTrue(run.err().contains("Scored 300 rows"), run.err());
        assertEquals(List.of(input), list(work));
        assertFalse(Files.exists(Path.of("-")));
    }

    @Test
    void rejectsMayBeNeitherTheInputNorTheOutput() throws Exception {
        Path input = input();
        Path output = work.resolve("scored.csv");
        assertOneLine(predict(input, output, "--skip-invalid", "--rejects", input.toString()), "predict", input, "is the input");
        Run same = predict(input, output, "--skip-invalid", "--rejects", work.resolve("x/../scored.csv").toString());
        assertOneLine(same, "predict", work.resolve("x/../scored.csv"), "is the output file too");
        Run toDash = netsec("predict", "--model-dir", model.toString(), "--input", input.toString(), "--output", "-",
                "--skip-invalid");
        assertEquals(ExitCodes.USAGE, toDash.exitCode(), toDash.err());
        assertTrue(toDash.err().contains("needs --rejects FILE"), toDash.err());
        assertEquals(trafficText, Files.readString(input));
        assertEquals(List.of(input), list(work));
    }

    // --- train --model-dir ---

    @Test
    void trainRefusesAFolderThatIsNeitherEmptyNorABundleAndKeepsIt() throws Exception {
        Path mine = Files.createDirectory(work.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        Run run = train(traffic, mine, work.resolve("runs"));
        assertOneLine(run, "train", mine, "is not empty and holds no model bundle (notes.txt)");
        assertTrue(run.err().contains("choose an empty folder or an existing bundle"), run.err());
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
        assertEquals(List.of(mine), list(work), "refused before training: no run folder");
    }

    @Test
    void trainRefusesItsDataFileAndItsDataFolderAsModelFolder() throws Exception {
        Path data = input();
        assertOneLine(train(data, data, work.resolve("runs")), "train", data, "is the data being trained on");
        assertEquals(trafficText, Files.readString(data));
        assertOneLine(train(data, work, work.resolve("runs")), "train", work, "holds the data being trained on");
        assertEquals(List.of(data), list(work));
    }

    /** {@code --model-dir .} once deleted the training CSV beside it: a process of its own, run in a folder of the test's. */
    @Test
    void trainRefusesTheCurrentFolderAsModelFolderAndKeepsTheDataInIt() throws Exception {
        Path data = input();
        Process process = CliRunner.separateJvm(work, "train", "--quiet", "--data", "in.csv", "--schema",
                CliRunner.TRAFFIC_SCHEMA.toAbsolutePath().toString(), "--model-dir", ".", "--runs-dir", "runs",
                "--models", "logistic", "--bootstrap", "10").redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCodes.IO, process.waitFor(), said);
        assertEquals("netsec train: .: holds the data being trained on (in.csv): writing a bundle would replace the folder;"
                + " choose another folder", said.strip());
        assertEquals(trafficText, Files.readString(data));
        assertEquals(List.of(data), list(work));
    }

    @Test
    void trainRefusesAFifoAsModelFolderAndAFileAsRunsFolder() throws Exception {
        Path fifo = work.resolve("fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        assertOneLine(train(traffic, fifo, work.resolve("runs")), "train", fifo, "is not a folder");
        Path runs = Files.writeString(work.resolve("runs"), "a file");
        assertOneLine(train(traffic, work.resolve("model"), runs), "train", runs, "is not a folder");
        assertFalse(Files.exists(work.resolve("model")), "refused before training");
    }

    @Test
    void trainReplacesABundleAndFillsAnEmptyFolder() throws Exception {
        Path empty = Files.createDirectory(work.resolve("empty"));
        assertEquals(0, train(traffic, empty, work.resolve("runs")).exitCode());
        assertEquals(0, train(traffic, empty, work.resolve("runs")).exitCode(), "a bundle is replaced");
        ModelBundle.load(empty);
    }

    @Test
    void modelPullRefusesAFolderThatIsNotABundleBeforeAskingTheServer() throws Exception {
        Path mine = Files.createDirectory(work.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        Run run = netsec("model", "pull", "models:/netsec-detector@champion", "--model-dir", mine.toString(),
                "--tracking-uri", "http://127.0.0.1:9"); // nothing listens there: a refusal must come first
        assertOneLine(run, "pull", mine, "is not empty and holds no model bundle (notes.txt)");
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
    }

    // --- data generate (data fetch: DataFetchCommandTest) ---

    @Test
    void generateRefusesItsSchemaAndAFolderAndWritesToADash() throws Exception {
        Path schema = Files.copy(CliRunner.TRAFFIC_SCHEMA, work.resolve("schema.yaml"));
        String yaml = Files.readString(schema);
        Run over = netsec("data", "generate", "--schema", schema.toString(), "--rows", "5", "--output", schema.toString());
        assertOneLine(over, "generate", schema, "is the input");
        assertEquals(yaml, Files.readString(schema));
        Run folder = netsec("data", "generate", "--schema", schema.toString(), "--rows", "5", "--output", work.toString());
        assertOneLine(folder, "generate", work, "is a folder");

        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Run dash;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            dash = netsec("data", "generate", "--schema", schema.toString(), "--rows", "5", "--output", "-");
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, dash.exitCode(), dash.err());
        assertEquals(6, captured.toString(StandardCharsets.UTF_8).lines().count());
        assertEquals("", dash.out());
        assertEquals(List.of(schema), list(work));
    }

    // --- inputs: a folder where a file belongs, a file where a folder belongs, unreadable ---

    @Test
    void aFolderWhereAFileBelongsIsNamedAsSuch() throws Exception {
        Path folder = Files.createDirectory(work.resolve("folder"));
        assertOneLine(netsec("validate", "--schema", folder.toString(), "--data", traffic.toString()), "validate", folder,
                "is a folder, not a file");
        assertOneLine(netsec("validate", "--schema", CliRunner.TRAFFIC_SCHEMA.toString(), "--data", folder.toString()),
                "validate", folder, "is a folder, not a file");
        assertOneLine(netsec("validate", "--schema", CliRunner.TRAFFIC_SCHEMA.toString(), "--data", traffic.toString(),
                "--reference", folder.toString()), "validate", folder, "is a folder, not a file");
        assertOneLine(train(folder, work.resolve("m"), work.resolve("runs")), "train", folder, "is a folder, not a file");
        assertOneLine(netsec("train", "--schema", folder.toString(), "--data", traffic.toString()), "train", folder,
                "is a folder, not a file");
        assertOneLine(netsec("predict", "--model-dir", model.toString(), "--input", folder.toString(), "--output",
                work.resolve("o.csv").toString()), "predict", folder, "is a folder, not a file");
        assertOneLine(netsec("evaluate", "--schema", CliRunner.TRAFFIC_SCHEMA.toString(), "--data", folder.toString()),
                "evaluate", folder, "is a folder, not a file");
        assertOneLine(netsec("data", "generate", "--schema", folder.toString(), "--rows", "1", "--output",
                work.resolve("g.csv").toString()), "generate", folder, "is a folder, not a file");
        assertEquals(List.of(folder), list(work), "nothing written");
    }

    @Test
    void aFileWhereAFolderBelongsIsNamedAsSuch() {
        assertOneLine(netsec("predict", "--model-dir", traffic.toString(), "--input", traffic.toString(), "--output",
                work.resolve("o.csv").toString()), "predict", traffic, "is a file, not a folder");
    }

    /**
     * A file its reader may not open. /proc/sys/vm/drop_caches is write-only (mode 0200) and the
     * kernel checks that mode even for root, who reads every other file whatever its mode.
     */
    @Test
    void anUnreadableFileIsPermissionDeniedNotNoSuchFile() throws Exception {
        Path writeOnly = Path.of("/proc/sys/vm/drop_caches");
        Assumptions.assumeTrue(Files.exists(writeOnly) && !Files.isReadable(writeOnly),
                "needs Linux's write-only /proc/sys/vm/drop_caches");
        assertOneLine(netsec("validate", "--schema", writeOnly.toString(), "--data", traffic.toString()), "validate", writeOnly,
                "permission denied");
        assertOneLine(netsec("validate", "--schema", CliRunner.TRAFFIC_SCHEMA.toString(), "--data", writeOnly.toString()),
                "validate", writeOnly, "permission denied");
        assertOneLine(netsec("predict", "--model-dir", model.toString(), "--input", writeOnly.toString(), "--output",
                work.resolve("o.csv").toString()), "predict", writeOnly, "permission denied");
        assertOneLine(train(writeOnly, work.resolve("m"), work.resolve("runs")), "train", writeOnly, "permission denied");
    }

    /** The same with a file of mode 000: only without root, who may read it. */
    @Test
    void aFileOfModeZeroIsPermissionDeniedForAUserOtherThanRoot() throws Exception {
        Path locked = Files.writeString(work.resolve("locked.yaml"), Files.readString(CliRunner.TRAFFIC_SCHEMA));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(locked), "root reads a file of mode 000; the test above covers root");
        assertOneLine(netsec("validate", "--schema", locked.toString(), "--data", traffic.toString()), "validate", locked,
                "permission denied");
    }

    @Test
    void permissionDeniedIsExitCodeThreeAndOneLine() {
        AccessDeniedException denied = new AccessDeniedException("/data/secret.csv");
        assertEquals(ExitCodes.IO, FailureHandler.exitCode(denied));
        assertEquals("/data/secret.csv: permission denied", FailureHandler.message(denied, ExitCodes.IO));
    }
}
