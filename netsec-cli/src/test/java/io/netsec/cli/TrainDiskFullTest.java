package io.netsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.synthetic.SyntheticData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netsec train} whose run folder is on a disk that fills while the run record is written: a
 * real 1 MiB tmpfs (as netsec-core's DiskFullTest), with less room each time than the record needs,
 * from none to all but two pages. Every such run exits with code 3 and one line naming the run
 * folder, nothing more on its way out (the JVM's exit once printed ImageIO's NullPointerException
 * after exit code 0), and the bundle, written first on another disk, loads whole. Each run is a
 * process of its own, so that what the JVM prints as it exits is seen. Mounting needs root (the
 * test is skipped, saying so, otherwise).
 */
class TrainDiskFullTest {

    @TempDir
    Path work;
    Path mount;

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aRunRecordTheDiskDoesNotTakeIsExitCodeThreeInOneLineAndTheBundleStaysWhole() throws Exception {
        Path small = Files.createDirectory(work.resolve("small"));
        int mounted;
        try {
            mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString())
                    .redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            mounted = -1;
        }
        Assumptions.assumeTrue(mounted == 0, "mounting a 1 MiB tmpfs needs root; run as root for the disk-full test");
        mount = small;

        Path data = work.resolve("traffic.csv");
        SyntheticData.of(SchemaLoader.load(CliRunner.TRAFFIC_SCHEMA).schema(), 4).write(300, data);
        Path model = work.resolve("model");
        Path runs = small.resolve("runs");
        FileStore disk = Files.getFileStore(small);

        // How much a run record takes, from a run with room enough.
        long before = disk.getUsableSpace();
        Result whole = train(data, model, runs);
        assertEquals(0, whole.code(), whole.output());
        long needed = before - disk.getUsableSpace();
        assertTrue(needed > 64 * 1024, "a run record of " + needed + " bytes");

        Path filler = small.resolve("filler");
        List<String> failures = new ArrayList<>();
        for (long room : new long[] {needed - 2 * 4096, 2 * needed / 3, needed / 3, 0}) { // the record's last files first
            deleteTree(runs);
            fillLeaving(filler, room);
            Result run = train(data, model, runs);
            assertEquals(ExitCodes.IO, run.code(), "room for " + room + " of " + needed + " bytes: " + run.output());
            List<String> lines = run.output().lines().toList();
            assertEquals(1, lines.size(), "one line, no trace on the way out: " + run.output());
            assertTrue(lines.get(0).matches("netsec train: " + java.util.regex.Pattern.quote(runs.toString())
                    + "/[0-9]{8}-[0-9]{6}-[0-9a-f]{8}-[0-9a-f]{8}: the run record could not be written \\(.*No space left on device.*\\);"
                    + " the model bundle in " + java.util.regex.Pattern.quote(model.toString()) + " is written and whole"),
                    lines.get(0));
            assertFalse(run.output().contains("Exception"), run.output());
            ModelBundle.load(model); // verifies every checksum
            failures.add(room + " bytes");
        }
        Files.delete(filler);
        deleteTree(runs);
        assertEquals(0, train(data, model, runs).code(), "room again: the record is written");
        System.out.println("TrainDiskFullTest: a run record needs " + needed + " bytes; with room for " + failures
                + " every run exited 3 in one line naming the run folder, and the bundle loaded whole");
    }

    record Result(int code, String output) {
    }

    private Result train(Path data, Path model, Path runs) throws Exception {
        Path log = work.resolve("train.log");
        Process process = CliRunner.separateJvm(work, "train", "--quiet", "--data", data.toString(), "--schema",
                        CliRunner.TRAFFIC_SCHEMA.toString(), "--model-dir", model.toString(), "--runs-dir", runs.toString(),
                        "--models", "logistic", "--bootstrap", "10")
                .redirectError(log.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int code = process.waitFor();
        return new Result(code, Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Fills the file system with {@code filler}, then frees {@code room} bytes of it. */
    private static void fillLeaving(Path filler, long room) throws IOException {
        byte[] page = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int i = 0; i < 1024; i++) { // bounded: 4 MiB is far more than the 1 MiB file system
                out.write(page);
                out.flush();
            }
            throw new IllegalStateException("the file system did not fill up");
        } catch (IOException full) {
            // full
        }
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, channel.size() - room));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
