package io.netsec.ingestion.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a command's output may go: a file is replaced only once complete, a device, FIFO or '-' is
 * written as a stream, and nothing that is read, a folder or a link is ever replaced.
 */
class OutputFileTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsReplacedOnlyOnceCompleteAndNoPartialFileIsLeft() throws Exception {
        Path target = Files.writeString(dir.resolve("out.csv"), "old");
        try (OutputFile out = OutputFile.open(target, List.of())) {
            assertEquals(OutputFile.Kind.FILE, out.kind());
            out.stream().write("new".getBytes(StandardCharsets.UTF_8));
            assertEquals("old", Files.readString(target), "not before the commit");
            out.commit();
        }
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), list(dir));

        try (OutputFile out = OutputFile.open(target, List.of())) {
            out.stream().write("half".getBytes(StandardCharsets.UTF_8));
            // a failure: no commit
        }
        assertEquals("new", Files.readString(target), "a failed write keeps what was there");
        assertEquals(List.of(target), list(dir), "and leaves no partial file");
    }

    @Test
    void theInputUnderAnyNameIsRefused() throws Exception {
        Path input = Files.writeString(dir.resolve("in.csv"), "a\n1\n");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), input);
        Path hard = Files.createLink(dir.resolve("hard.csv"), input);
        for (Path name : List.of(input, sub.resolve("..").resolve("in.csv"), Path.of(input.toString().replace("/in.csv", "/./in.csv")),
                link, hard)) {
            OutputFileRefusedException e = assertThrows(OutputFileRefusedException.class,
                    () -> OutputFile.open(name, List.of(input)), name.toString());
            assertTrue(e.getMessage().contains("is the input"), e.getMessage());
        }
        // and the input named another way is refused as an output of a run reading it by the link
        assertThrows(OutputFileRefusedException.class, () -> OutputFile.check(input, List.of(link)));
        assertEquals("a\n1\n", Files.readString(input));
        assertEquals(List.of(hard, input, link, sub), list(dir), "nothing written");
    }

    @Test
    void aFileInsideAnInputFolderIsRefused() throws Exception {
        Path model = Files.createDirectory(dir.resolve("model"));
        Files.writeString(model.resolve("model.json"), "{}");
        OutputFileRefusedException e = assertThrows(OutputFileRefusedException.class,
                () -> OutputFile.open(model.resolve("model.json"), List.of(model)));
        assertTrue(e.getMessage().contains("is inside " + model + ", which this run reads"), e.getMessage());
        assertThrows(OutputFileRefusedException.class, () -> OutputFile.check(model.resolve("new.csv"), List.of(model)));
        assertEquals("{}", Files.readString(model.resolve("model.json")));
    }

    @Test
    void aFolderALinkToAFileAndALinkToNothingAreRefused() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("results"));
        OutputFileRefusedException e = assertThrows(OutputFileRefusedException.class, () -> OutputFile.open(folder, List.of()));
        assertEquals(folder + ": is a folder; name a file, inside it or elsewhere", e.getMessage());

        Path elsewhere = Files.writeString(dir.resolve("precious.txt"), "keep me");
        Path link = Files.createSymbolicLink(dir.resolve("out.csv"), elsewhere);
        e = assertThrows(OutputFileRefusedException.class, () -> OutputFile.open(link, List.of()));
        assertTrue(e.getMessage().contains("is a symbolic link (to " + elsewhere.toRealPath()), e.getMessage());
        assertEquals("keep me", Files.readString(elsewhere));
        assertTrue(Files.isSymbolicLink(link));

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("nowhere.csv"));
        e = assertThrows(OutputFileRefusedException.class, () -> OutputFile.open(dangling, List.of()));
        assertTrue(e.getMessage().contains("is a symbolic link to nothing"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("nowhere.csv")));
        assertEquals(List.of(dangling, link, elsewhere, folder), list(dir), "no partial file left");

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        e = assertThrows(OutputFileRefusedException.class, () -> OutputFile.open(file.resolve("out.csv"), List.of()));
        assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
    }

    @Test
    void aNewFileInAMissingFolderIsMade() throws Exception {
        Path target = dir.resolve("a/b/out.csv");
        try (OutputFile out = OutputFile.open(target, List.of())) {
            out.stream().write(1);
            out.commit();
        }
        assertEquals(1, Files.size(target));
    }

    @Test
    void aFifoIsWrittenAsAStreamAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readAllBytes(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (OutputFile out = OutputFile.open(fifo, List.of())) {
            assertEquals(OutputFile.Kind.STREAM, out.kind());
            out.stream().write("through the pipe".getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
        assertEquals("through the pipe", new String(read.get(), StandardCharsets.UTF_8));
        assertFalse(Files.isRegularFile(fifo), "still a FIFO");
        assertEquals(List.of(fifo), list(dir));
    }

    /**
     * Device nodes of our own (the numbers of /dev/null and /dev/full), so that the old code, which
     * renamed a file over them, could not harm the system's. Making them needs root.
     */
    @Test
    void aDeviceIsWrittenAsAStreamAndStaysADevice() throws Exception {
        Path nullDevice = dir.resolve("null");
        Path fullDevice = dir.resolve("full");
        Assumptions.assumeTrue(new ProcessBuilder("mknod", nullDevice.toString(), "c", "1", "3").start().waitFor() == 0
                && new ProcessBuilder("mknod", fullDevice.toString(), "c", "1", "7").start().waitFor() == 0,
                "making device nodes needs root");
        try (OutputFile out = OutputFile.open(nullDevice, List.of())) {
            assertEquals(OutputFile.Kind.STREAM, out.kind());
            out.stream().write(new byte[100_000]);
            out.commit();
        }
        try (OutputFile out = OutputFile.open(fullDevice, List.of())) {
            IOException e = assertThrows(IOException.class, () -> out.stream().write(new byte[10]));
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        }
        for (Path device : List.of(nullDevice, fullDevice)) {
            assertTrue(Files.exists(device) && !Files.isRegularFile(device) && !Files.isDirectory(device), device + " kept");
        }
        assertEquals(List.of(fullDevice, nullDevice), list(dir), "no partial file");
    }

    @Test
    void aDashIsStandardOutput() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (OutputFile out = OutputFile.open(Path.of("-"), List.of())) {
            assertEquals(OutputFile.Kind.STDOUT, out.kind());
            out.stream().write(new byte[] {'a', (byte) 0xc3, (byte) 0xa9});
            out.commit();
        } finally {
            System.setOut(saved);
        }
        assertArrayEquals(new byte[] {'a', (byte) 0xc3, (byte) 0xa9}, captured.toByteArray(), "bytes as written");
        assertFalse(Files.exists(Path.of("-")));
    }

    @Test
    void twoNamesOfOneFileThatDoesNotExistYetAreTheSame() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        assertTrue(OutputFile.sameFile(dir.resolve("out.csv"), dir.resolve("sub/../out.csv")));
        assertFalse(OutputFile.sameFile(dir.resolve("out.csv"), dir.resolve("out.csv.rejects.csv")));
        assertTrue(OutputFile.sameFile(Path.of("-"), Path.of("-")));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
