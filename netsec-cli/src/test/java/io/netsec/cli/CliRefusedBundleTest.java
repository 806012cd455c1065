package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netsec.cli.CliRunner.Run;
import io.netsec.core.ReadLimits;
import io.netsec.core.Sha256;
import io.netsec.core.bundle.BundleJson;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.synthetic.SyntheticData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles and schema files the loader refuses, as a user meets them: {@code netsec predict}
 * exits 3 with one line naming the file (never a stack trace, never a hang) and writes nothing;
 * a {@code --schema} that is no regular file is exit 2 (the schema's own code), one line. The timeout guards against
 * the old hang on a FIFO only; nothing here measures time.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CliRefusedBundleTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path traffic;

    @BeforeAll
    static void trainASmallModel() throws Exception {
        traffic = dir.resolve("traffic.csv");
        SyntheticData.of(SchemaLoader.load(CliRunner.TRAFFIC_SCHEMA).schema(), 3).write(300, traffic);
        model = dir.resolve("model");
        Run run = netsec("train", "--quiet", "--data", traffic.toString(), "--schema", CliRunner.TRAFFIC_SCHEMA.toString(),
                "--model-dir", model.toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--models", "j48", "--bootstrap", "20");
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void aModelFileThatIsAFifoIsRefusedWithOneLineAndTheReadAheadDoesNotWaitOnIt() throws Exception {
        Path copy = copyOfModel("fifo-model");
        Files.delete(copy.resolve("model.json"));
        mkfifo(copy.resolve("model.json"));
        for (boolean readAhead : new boolean[] {false, true}) {
            Path out = dir.resolve("never-" + readAhead + ".csv");
            String[] args = {"predict", "--model-dir", copy.toString(), "--input", traffic.toString(), "--output", out.toString()};
            if (readAhead) {
                BundleReadAhead.start(args); // as main does
            }
            Run run = netsec(args);
            assertRefused(run, ExitCodes.IO, copy.resolve("model.json") + ": is not a regular file (a device, a FIFO or a socket); refused");
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void aManifestLinkedToADeviceIsRefusedWithOneLine() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        Path copy = copyOfModel("zero-manifest");
        Files.delete(copy.resolve("manifest.json"));
        Files.createSymbolicLink(copy.resolve("manifest.json"), Path.of("/dev/zero"));
        Run run = netsec("predict", "--model-dir", copy.toString(), "--input", traffic.toString(),
                "--output", dir.resolve("never.csv").toString());
        assertRefused(run, ExitCodes.IO, copy.resolve("manifest.json") + ": is a symbolic link leading out of the bundle folder; refused");
    }

    @Test
    void aManifestNamingAModelOutsideTheBundleIsRefusedWithOneLine() throws Exception {
        Path copy = copyOfModel("outside-model");
        Path outside = Files.copy(copy.resolve("model.json"), dir.resolve("outside.json"));
        Path manifest = copy.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"file\" : \"model.json\"",
                "\"file\" : \"" + outside.toAbsolutePath() + "\""));
        resum(copy);
        Run run = netsec("predict", "--model-dir", copy.toString(), "--input", traffic.toString(),
                "--output", dir.resolve("never.csv").toString());
        assertRefused(run, ExitCodes.IO, manifest + ": names the model file '" + outside.toAbsolutePath()
                + "', which is not a plain file name inside the bundle folder; refused");
    }

    /** The case as found: a leaf's class values set to 5 and -3, checksums recomputed; predict answered 2.5. */
    @Test
    void aModelWhoseLeafIsNoProbabilityIsRefusedWithOneLine() throws Exception {
        Path copy = copyOfModel("tampered-leaf");
        Path modelFile = copy.resolve("model.json");
        ObjectNode json = (ObjectNode) BundleJson.MAPPER.readTree(modelFile.toFile());
        int leaf = 0;
        while (json.get("feature").get(leaf).asInt() != -1) {
            leaf++;
        }
        ((ArrayNode) json.get("threat_value")).set(leaf, 5.0);
        ((ArrayNode) json.get("benign_value")).set(leaf, -3.0);
        Files.write(modelFile, BundleJson.MAPPER.writeValueAsBytes(json));
        resum(copy);
        Run run = netsec("predict", "--model-dir", copy.toString(), "--input", traffic.toString(),
                "--output", dir.resolve("never.csv").toString());
        assertRefused(run, ExitCodes.IO, modelFile + ": not a valid model: tree 0, node " + leaf
                + ": has the class values 5.0 (threat) and -3.0 (benign); a class count or share is a finite number, not negative");
    }

    @Test
    void aModelFileOverTheLimitIsRefusedWithOneLine() throws Exception {
        String before = System.setProperty(ReadLimits.MODEL_FILE, "1K");
        try {
            Run run = netsec("predict", "--model-dir", model.toString(), "--input", traffic.toString(),
                    "--output", dir.resolve("never.csv").toString());
            assertRefused(run, ExitCodes.IO, "over the limit of 1 KiB (netsec.limits.model-file); refused");
        } finally {
            if (before == null) {
                System.clearProperty(ReadLimits.MODEL_FILE);
            } else {
                System.setProperty(ReadLimits.MODEL_FILE, before);
            }
        }
    }

    @Test
    void aSchemaThatIsAFifoOrADeviceIsRefusedWithOneLine() throws Exception {
        Path fifo = dir.resolve("schema.fifo");
        mkfifo(fifo);
        Path target = dir.resolve("never-trained");
        Run run = netsec("train", "--schema", fifo.toString(), "--data", traffic.toString(), "--model-dir", target.toString(),
                "--runs-dir", dir.resolve("never-runs").toString());
        assertRefused(run, ExitCodes.IO, fifo + ": is not a regular file (a device, a FIFO or a socket), so it is not read; refused");
        if (Files.exists(Path.of("/dev/zero"))) {
            run = netsec("train", "--schema", "/dev/zero", "--data", traffic.toString(), "--model-dir", target.toString(),
                    "--runs-dir", dir.resolve("never-runs").toString());
            assertRefused(run, ExitCodes.IO, "/dev/zero: is not a regular file");
        }
        assertFalse(Files.exists(target));
    }

    static void assertRefused(Run run, int exitCode, String message) {
        assertEquals(exitCode, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertTrue(run.err().contains(message), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("Error"), run.err());
    }

    /** A copy of the trained bundle, to spoil. */
    static Path copyOfModel(String name) throws IOException {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy);
        try (var files = Files.walk(model)) { // the code/ folder too
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(model.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return copy;
    }

    /** Recomputes every checksum of {@code bundle}, as someone who changed its files would. */
    static void resum(Path bundle) throws IOException {
        StringBuilder sums = new StringBuilder();
        for (String name : new String[] {"manifest.json", "model.json", "schema.yaml"}) {
            sums.append(Sha256.of(Files.readAllBytes(bundle.resolve(name)))).append("  ").append(name).append('\n');
        }
        Files.writeString(bundle.resolve("checksums.sha256"), sums, StandardCharsets.US_ASCII);
    }

    static void mkfifo(Path path) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo here: " + e.getMessage());
            return;
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, "mkfifo " + path);
    }
}
