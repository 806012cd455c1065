package io.netsec.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.data.Dataset;
import io.netsec.core.model.TreeEnsemble;
import io.netsec.core.testing.TinyModels;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.TransformFitter;
import io.netsec.core.transform.TransformOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle write killed with SIGKILL at any moment leaves a bundle that loads (the previous one or
 * the new one, never a mix), and the next write succeeds and cleans up.
 */
class BundleCrashTest {

    static final int KILLS = 12;
    static final double[] BENIGN_INPUT = {100, 1, 0, 0, 0, 0, 1};

    @TempDir
    Path dir;

    /** The tiny bundle with a stump whose leaves say {@code low} and {@code high}: two recognisable models. */
    static ModelBundle bundle(double low, double high) {
        try {
            Dataset data = TinyModels.dataset();
            int[] all = new int[data.size()];
            Arrays.setAll(all, i -> i);
            FittedTransform transform = TransformFitter.fit(data, all, TransformOptions.DEFAULTS);
            TreeEnsemble stump = new TreeEnsemble(transform.outputWidth(), TreeEnsemble.Aggregation.PROBABILITY_AVERAGE, false, 0,
                    new int[] {0}, new double[] {1}, new int[] {0, -1, -1}, new double[] {500, 0, 0},
                    new int[] {1, 0, 0}, new int[] {2, 0, 0}, new boolean[] {true, false, false},
                    new double[] {0.5, low, high}, new double[] {0.5, 1 - low, 1 - high});
            return TinyModels.bundleOf(data, transform, stump);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double benignProbability(ModelBundle bundle) {
        double[] input = bundle.manifest().transform().apply(BENIGN_INPUT.clone());
        return bundle.model().threatProbability(input);
    }

    @Test
    void killNineDuringWritesLeavesALoadableBundle() throws Exception {
        Path folder = dir.resolve("model");
        bundle(0.1, 0.9).writeTo(folder);
        String java = ProcessHandle.current().info().command().orElse("java");
        int writesSeen = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    BundleWriterLoop.class.getName(), folder.toString(), "100000")
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                int wait = 1 + kill % 4; // kill after 1..4 further bundles, mid-way through the next one
                for (int i = 0; i < wait; i++) {
                    String line = out.readLine();
                    assertTrue(line != null && line.startsWith("written "), "the writer runs: " + line);
                    writesSeen++;
                }
                writer.destroyForcibly(); // SIGKILL on Linux
                writer.waitFor();
            }
            ModelBundle loaded = ModelBundle.load(folder); // verifies every checksum
            double p = benignProbability(loaded);
            assertTrue(p == 0.1 || p == 0.2, "one whole model, A or B: " + p);
        }
        long leftovers;
        try (var files = Files.list(dir)) {
            leftovers = files.filter(f -> !f.equals(folder)).count();
        }
        System.out.println("BundleCrashTest: " + KILLS + " kill -9 during " + writesSeen + "+ bundle writes; every load"
                + " verified; " + leftovers + " temporary folders left by the kills, removed by cleanStaleStaging");
        ModelBundle.cleanStaleStaging(folder);
        bundle(0.2, 0.8).writeTo(folder);
        assertEquals(0.2, benignProbability(ModelBundle.load(folder)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(folder), files.toList(), "no temporary folder left after cleaning");
        }
    }

    /**
     * Stopped as Ctrl-C or {@code kill} stop it (SIGTERM; the JVM runs its shutdown hooks), a
     * write leaves nothing beside the folder, at whatever moment it is stopped, and the folder
     * holds a whole bundle.
     */
    @Test
    void aWriteStoppedBySigtermLeavesNoTemporaryFolder() throws Exception {
        Path folder = dir.resolve("model");
        bundle(0.1, 0.9).writeTo(folder);
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int stop = 0; stop < KILLS; stop++) {
            Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    BundleWriterLoop.class.getName(), folder.toString(), "100000")
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                for (int i = 0; i < 1 + stop % 4; i++) {
                    String line = out.readLine();
                    assertTrue(line != null && line.startsWith("written "), "the writer runs: " + line);
                }
                writer.destroy(); // SIGTERM on Linux
                writer.waitFor();
            }
            try (var files = Files.list(dir)) {
                assertEquals(List.of(folder), files.toList(), "after stop " + (stop + 1) + ": nothing but the bundle");
            }
            double p = benignProbability(ModelBundle.load(folder));
            assertTrue(p == 0.1 || p == 0.2, "one whole model, A or B: " + p);
        }
    }

    /** The narrowest window: killed after moving the old bundle aside, before the new one took its name. */
    @Test
    void aWriteKilledBetweenItsRenamesLeavesThePreviousBundleLoadable() throws Exception {
        Path folder = dir.resolve("model");
        bundle(0.1, 0.9).writeTo(folder);
        Files.move(folder, dir.resolve(".model.old-deadbeef"));
        Files.createDirectory(dir.resolve(".model.tmp-deadbeef")); // the new one, half written
        assertEquals(0.1, benignProbability(ModelBundle.load(folder)));

        bundle(0.2, 0.8).writeTo(folder);
        assertEquals(0.2, benignProbability(ModelBundle.load(folder)));
        ModelBundle.cleanStaleStaging(folder);
        try (var files = Files.list(dir)) {
            assertEquals(Set.of(folder), Set.copyOf(files.toList()));
        }
    }

    @Test
    void noBundleAndNoPreviousIsStillAClearError() {
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(dir.resolve("none")));
        assertTrue(e.getMessage().contains("no model bundle here"), e.getMessage());
    }
}
