package io.netsec.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.ReadLimits;
import io.netsec.core.Sha256;
import io.netsec.core.schema.SchemaException;
import io.netsec.core.schema.SchemaFileRefusedException;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.testing.TinyModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle cannot make the loader read outside its folder, or hang it: every file it names is a
 * plain file directly inside the folder, a regular file, read up to a limit. Each case is built
 * as an attacker would, with every checksum recomputed so that only the rule under test can
 * refuse it. The timeouts guard against the old hangs only (a FIFO opened for reading waits for
 * a writer forever); nothing here measures time.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BundleFolderTest {

    /** What the file outside the bundle holds: no refusal may echo it. */
    private static final String SECRET = "root:$6$notechoed$x:19000:0:99999:7:::\n";

    @TempDir
    Path dir;

    Path bundle;

    @BeforeEach
    void writeBundle() throws IOException {
        bundle = dir.resolve("m");
        TinyModels.bundle().writeTo(bundle);
    }

    @Test
    void aManifestNamingAFileOutsideTheFolderIsRefusedWithoutReadingIt() throws Exception {
        Path secret = Files.writeString(dir.resolve("shadow"), SECRET);
        for (String named : List.of(secret.toString(), "../shadow", "../../..", "..", ".", "", "sub/model.json")) {
            setModelFile(named);
            BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle), named);
            assertTrue(e.getMessage().contains("which is not a plain file name inside the bundle folder; refused"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("root"), "the content is never echoed: " + e.getMessage());
        }
    }

    @Test
    void aValidModelAtAnAbsolutePathOutsideTheFolderDoesNotLoad() throws Exception {
        Path outside = Files.copy(bundle.resolve(ModelBundle.MODEL), dir.resolve("outside-model.json"));
        setModelFile(outside.toAbsolutePath().toString());
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("manifest.json: names the model file"), e.getMessage());
    }

    @Test
    void anotherModelFileMustBeListedByTheChecksums() throws Exception {
        Files.copy(bundle.resolve(ModelBundle.MODEL), bundle.resolve("model-v2.json"));
        setModelFile("model-v2.json");
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("'model-v2.json', which checksums.sha256 does not list"), e.getMessage());
        resum();
        assertEquals(7, ModelBundle.load(bundle).model().featureCount(), "listed, it loads");
    }

    @Test
    void checksumsNamingAFileOutsideTheFolderAreRefused() throws Exception {
        Files.writeString(dir.resolve("shadow"), SECRET);
        for (String named : List.of("../shadow", "..", "/etc/passwd", "sub/x")) {
            String sums = Files.readString(bundle.resolve(ModelBundle.CHECKSUMS)) + Sha256.of(new byte[0]) + "  " + named + "\n";
            Files.writeString(bundle.resolve(ModelBundle.CHECKSUMS), sums);
            BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle), named);
            assertTrue(e.getMessage().contains("checksums.sha256: line 4 is not a SHA-256 and a plain file name"),
                    e.getMessage());
            TinyModels.bundle().writeTo(bundle);
        }
    }

    @Test
    void aSymbolicLinkLeadingOutOfTheFolderIsRefused() throws Exception {
        Path model = bundle.resolve(ModelBundle.MODEL);
        Path outside = Files.move(model, dir.resolve("outside-model.json"));
        Files.createSymbolicLink(model, outside);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("model.json: is a symbolic link leading out of the bundle folder; refused"),
                e.getMessage());

        Files.delete(model);
        Files.move(outside, model);
        Path schema = bundle.resolve(ModelBundle.SCHEMA);
        Files.delete(schema);
        Files.createSymbolicLink(schema, Files.writeString(dir.resolve("shadow"), SECRET));
        e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("schema.yaml: is a symbolic link leading out of the bundle folder; refused"),
                e.getMessage());
    }

    @Test
    void linksInsideTheFolderAndAFolderThatIsALinkLoad() throws Exception {
        Path model = bundle.resolve(ModelBundle.MODEL);
        Files.move(model, bundle.resolve("model-real.json"));
        Files.createSymbolicLink(model, Path.of("model-real.json"));
        Path link = Files.createSymbolicLink(dir.resolve("current"), bundle);
        assertEquals(7, ModelBundle.load(link).model().featureCount());
    }

    @Test
    void aFifoInPlaceOfTheManifestIsRefusedWithoutOpeningIt() throws Exception {
        Path manifest = bundle.resolve(ModelBundle.MANIFEST);
        Files.delete(manifest);
        mkfifo(manifest);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("manifest.json: is not a regular file (a device, a FIFO or a socket); refused"),
                e.getMessage());
    }

    @Test
    void aFifoInPlaceOfTheModelLeavesNoThreadWaitingOnIt() throws Exception {
        Path model = bundle.resolve(ModelBundle.MODEL);
        Files.delete(model);
        mkfifo(model);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("model.json: is not a regular file"), e.getMessage());
        for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement frame : thread.getValue()) {
                assertFalse(frame.getMethodName().startsWith("open") && frame.getClassName().contains("UnixNativeDispatcher"),
                        thread.getKey().getName() + " waits in open(): " + List.of(thread.getValue()));
            }
        }
    }

    @Test
    void aLinkToADeviceIsRefused() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        Path model = bundle.resolve(ModelBundle.MODEL);
        Files.delete(model);
        Files.createSymbolicLink(model, Path.of("/dev/zero"));
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("model.json: is a symbolic link leading out"), e.getMessage());
    }

    @Test
    void aFileOverItsLimitIsRefusedNamingTheSetting() throws Exception {
        long size = Files.size(bundle.resolve(ModelBundle.MODEL));
        String before = System.setProperty(ReadLimits.MODEL_FILE, Long.toString(size - 1));
        try {
            BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
            assertTrue(e.getMessage().contains("model.json: is " + size + " bytes, over the limit of " + (size - 1)
                    + " bytes (netsec.limits.model-file); refused"), e.getMessage());
            System.setProperty(ReadLimits.MODEL_FILE, Long.toString(size));
            assertEquals(7, ModelBundle.load(bundle).model().featureCount(), "at the limit, it loads");
        } finally {
            restore(ReadLimits.MODEL_FILE, before);
        }
        long manifestSize = Files.size(bundle.resolve(ModelBundle.MANIFEST));
        before = System.setProperty(ReadLimits.MANIFEST_FILE, "1K");
        try {
            BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
            assertTrue(e.getMessage().contains("manifest.json: is " + manifestSize + " bytes, over the limit of 1 KiB"),
                    e.getMessage());
        } finally {
            restore(ReadLimits.MANIFEST_FILE, before);
        }
    }

    @Test
    void aSchemaFileThatIsAFifoOrADeviceIsRefused() throws Exception {
        Path fifo = dir.resolve("schema-fifo.yaml");
        mkfifo(fifo);
        SchemaException e = assertThrows(SchemaFileRefusedException.class, () -> SchemaLoader.load(fifo));
        assertEquals(fifo + ": is not a regular file (a device, a FIFO or a socket), so it is not read; refused",
                e.getMessage());
        if (Files.exists(Path.of("/dev/zero"))) {
            e = assertThrows(SchemaFileRefusedException.class, () -> SchemaLoader.load(Path.of("/dev/zero")));
            assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
        }
        e = assertThrows(SchemaFileRefusedException.class, () -> SchemaLoader.load(dir));
        assertTrue(e.getMessage().contains("is a folder, not a file"), e.getMessage());
        // a file read whole whose content is wrong is bad data, not an unreadable file
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "columns: [");
        SchemaException content = assertThrows(SchemaException.class, () -> SchemaLoader.load(broken));
        assertFalse(content instanceof SchemaFileRefusedException, content.getMessage());
    }

    @Test
    void aSchemaFileOverItsLimitIsRefused() throws Exception {
        Path schema = Files.writeString(dir.resolve("big.yaml"), TinyModels.SCHEMA_YAML + "#" + "x".repeat(2000) + "\n");
        String before = System.setProperty(ReadLimits.SCHEMA_FILE, "2K");
        try {
            SchemaException e = assertThrows(SchemaFileRefusedException.class, () -> SchemaLoader.load(schema));
            assertTrue(e.getMessage().endsWith(": is " + Files.size(schema) + " bytes, over the limit of 2 KiB"
                    + " (netsec.limits.schema-file); refused"), e.getMessage());
        } finally {
            restore(ReadLimits.SCHEMA_FILE, before);
        }
        assertEquals("flows", SchemaLoader.load(schema).schema().name(), "within the default limit, it loads");
    }

    /** Points the manifest's model file at {@code name} and recomputes the checksums. */
    private void setModelFile(String name) throws IOException {
        Path manifest = bundle.resolve(ModelBundle.MANIFEST);
        String text = Files.readString(manifest);
        text = text.replaceFirst("\"file\" : \"[^\"]*\"", "\"file\" : \"" + name.replace("\\", "\\\\") + "\"");
        Files.writeString(manifest, text);
        String sums = Files.readString(bundle.resolve(ModelBundle.CHECKSUMS)).replaceAll("[0-9a-f]{64}  manifest.json",
                Sha256.of(Files.readAllBytes(manifest)) + "  manifest.json");
        Files.writeString(bundle.resolve(ModelBundle.CHECKSUMS), sums, StandardCharsets.US_ASCII);
    }

    /** Lists every regular file of the folder with its checksum. */
    private void resum() throws IOException {
        StringBuilder sums = new StringBuilder();
        try (var files = Files.list(bundle)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.equals(ModelBundle.CHECKSUMS) && Files.isRegularFile(file)) {
                    sums.append(Sha256.of(Files.readAllBytes(file))).append("  ").append(name).append('\n');
                }
            }
        }
        Files.writeString(bundle.resolve(ModelBundle.CHECKSUMS), sums, StandardCharsets.US_ASCII);
    }

    private static void mkfifo(Path path) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo here: " + e.getMessage());
            return;
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, "mkfifo " + path);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
