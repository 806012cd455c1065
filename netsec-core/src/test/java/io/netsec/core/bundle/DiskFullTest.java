package io.netsec.core.bundle;

import static io.netsec.core.bundle.BundleCrashTest.benignProbability;
import static io.netsec.core.bundle.BundleCrashTest.bundle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle written to a full disk: a real 512 KiB tmpfs, filled up, then freed a page at a time so
 * the write fails at each of its files in turn. The previous bundle stays loadable, no temporary
 * folder is left, and once there is room the next write succeeds. Needs root to mount the tmpfs
 * (the test is skipped, saying so, otherwise).
 */
class DiskFullTest {

    @TempDir
    Path dir;
    Path mount;

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aFullDiskNeverCostsThePreviousBundle() throws Exception {
        Path fs = Files.createDirectory(dir.resolve("small"));
        int mounted;
        try {
            mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", fs.toString())
                    .redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            mounted = -1;
        }
        Assumptions.assumeTrue(mounted == 0, "mounting a 512 KiB tmpfs needs root; run as root for the disk-full test");
        mount = fs;

        Path folder = fs.resolve("model");
        bundle(0.1, 0.9).writeTo(folder);
        Path filler = fs.resolve("filler");
        fill(filler);

        int failed = 0;
        int attempts = 0;
        for (int pagesFreed = 0; pagesFreed <= 8; pagesFreed++) {
            if (pagesFreed > 0) {
                try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
                    channel.truncate(Math.max(0, channel.size() - 4096)); // one more page of room
                }
            }
            attempts++;
            boolean wrote;
            try {
                bundle(0.2, 0.8).writeTo(folder);
                wrote = true;
            } catch (IOException e) {
                assertTrue(String.valueOf(e.getMessage()).contains("No space left on device"), e.toString());
                assertTrue(e.getMessage().startsWith(folder + ": "), "one line naming the bundle folder: " + e.getMessage());
                wrote = false;
                failed++;
            }
            double p = benignProbability(ModelBundle.load(folder)); // verifies every checksum
            assertEquals(wrote ? 0.2 : 0.1, p, "the previous bundle until a write completes");
            try (var files = Files.list(fs)) {
                assertEquals(List.of(filler, folder), files.sorted().toList(), "no temporary folder left");
            }
            if (wrote) {
                break;
            }
        }
        assertTrue(failed >= 3, "the write failed at several of its files: " + failed);
        Files.delete(filler);
        bundle(0.2, 0.8).writeTo(folder);
        assertEquals(0.2, benignProbability(ModelBundle.load(folder)));
        System.out.println("DiskFullTest: " + attempts + " writes on a full 512 KiB tmpfs, " + failed
                + " failed with ENOSPC, previous bundle loaded after each, no temporary folder left");
    }

    /** Writes until the file system is full. */
    private static void fill(Path filler) throws IOException {
        byte[] page = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 1024; i++) { // bounded: 4 MiB is far more than the 512 KiB file system
                out.write(page);
                out.flush();
            }
        } catch (IOException full) {
            return;
        }
        throw new IllegalStateException("the file system did not fill up");
    }
}
