package io.netsec.core.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.ReadLimits;
import io.netsec.core.Sha256;
import io.netsec.core.testing.TinyModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files a bundle carries for other programs (format version 3): listed, verified and written
 * back, in the folder and in its {@code code/} folder, under every rule of {@link BundleFolder}.
 * Each hostile case recomputes the checksums, so only the rule under test can refuse it.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AttachedFilesTest {

    private static final String SECRET = "root:$6$notechoed$x:19000:0:99999:7:::\n";

    @TempDir
    Path dir;

    private static AttachedFiles mlflowLike() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("MLmodel", "flavors: {}\n".getBytes(StandardCharsets.UTF_8));
        files.put("code/loader.py", "def _load_pyfunc(path): pass\n".getBytes(StandardCharsets.UTF_8));
        files.put("requirements.txt", "onnx==1.23.2\n".getBytes(StandardCharsets.UTF_8));
        return AttachedFiles.of(files);
    }

    private Path written() throws IOException {
        Path bundle = dir.resolve("m");
        TinyModels.bundle().withAttached(mlflowLike()).writeTo(bundle);
        return bundle;
    }

    @Test
    void attachedFilesAreWrittenListedVerifiedAndLoadedBack() throws Exception {
        ModelBundle plain = TinyModels.bundle();
        assertEquals(2, plain.manifest().formatVersion(), "without files: version 2, which older netsec reads");
        Path bundle = written();
        assertEquals("def _load_pyfunc(path): pass\n", Files.readString(bundle.resolve("code/loader.py")));
        String sums = Files.readString(bundle.resolve(ModelBundle.CHECKSUMS));
        assertTrue(sums.endsWith("  schema.yaml\n" + Sha256.of(Files.readAllBytes(bundle.resolve("MLmodel"))) + "  MLmodel\n"
                + Sha256.of(Files.readAllBytes(bundle.resolve("code/loader.py"))) + "  code/loader.py\n"
                + Sha256.of(Files.readAllBytes(bundle.resolve("requirements.txt"))) + "  requirements.txt\n"), sums);

        ModelBundle loaded = ModelBundle.load(bundle);
        assertEquals(3, loaded.manifest().formatVersion());
        assertEquals(mlflowLike(), loaded.attached());
        assertEquals(List.of(ModelBundle.MODEL, ModelBundle.SCHEMA, "MLmodel", "code/loader.py", "requirements.txt"),
                List.copyOf(loaded.manifest().files().keySet()));

        // written again (model pull, the API's swap): the same files, byte for byte
        Path copy = dir.resolve("copy");
        loaded.writeTo(copy);
        for (String name : List.of(ModelBundle.MANIFEST, ModelBundle.CHECKSUMS, "MLmodel", "code/loader.py")) {
            assertArrayEquals(Files.readAllBytes(bundle.resolve(name)), Files.readAllBytes(copy.resolve(name)), name);
        }
        // and a bundle with a code folder may be replaced by the next write
        TinyModels.bundle().writeTo(bundle);
        assertFalse(Files.exists(bundle.resolve("code")), "the plain bundle replaced it whole");
        assertEquals(AttachedFiles.none(), ModelBundle.load(bundle).attached());
    }

    @Test
    void aChangedAttachedFileIsRefusedByItsChecksum() throws Exception {
        Path bundle = written();
        Files.writeString(bundle.resolve("code/loader.py"), "import os; os.system('x')\n");
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("code/loader.py: checksum mismatch"), e.getMessage());
        assertFalse(e.getMessage().contains("os.system"), "the content is never echoed: " + e.getMessage());
    }

    @Test
    void aMissingAttachedFileIsAnIncompleteBundle() throws Exception {
        Path bundle = written();
        Files.delete(bundle.resolve("code/loader.py"));
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("code/loader.py: incomplete bundle: the file is missing"), e.getMessage());
        Files.delete(bundle.resolve("code"));
        e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("code/loader.py: incomplete bundle: the file is missing"), e.getMessage());
    }

    @Test
    void onlyTheCodeFolderOneLevelDownIsListed() throws Exception {
        Path bundle = written();
        Files.writeString(dir.resolve("shadow"), SECRET);
        for (String named : List.of("code/../../shadow", "code/", "code/sub/x", "sub/x", "code//x", "/code/x", "code\\x",
                "../code/x")) {
            String sums = Files.readString(bundle.resolve(ModelBundle.CHECKSUMS)) + Sha256.of(SECRET.getBytes(StandardCharsets.UTF_8))
                    + "  " + named + "\n";
            Files.writeString(bundle.resolve(ModelBundle.CHECKSUMS), sums);
            BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle), named);
            assertTrue(e.getMessage().contains("line 7 is not a SHA-256 and a plain file name"), e.getMessage());
            assertFalse(e.getMessage().contains("root:"), e.getMessage());
            written();
        }
        assertThrows(IllegalArgumentException.class, () -> AttachedFiles.of(Map.of("code/sub/x", new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> AttachedFiles.of(Map.of("../x", new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> AttachedFiles.of(Map.of(ModelBundle.MANIFEST, new byte[0])),
                "the bundle's own files are not attached files");
    }

    @Test
    void aCodeFolderThatIsALinkIsRefused() throws Exception {
        Path bundle = written();
        Path outside = Files.createDirectory(dir.resolve("elsewhere"));
        Files.copy(bundle.resolve("code/loader.py"), outside.resolve("loader.py"));
        deleteCode(bundle);
        Files.createSymbolicLink(bundle.resolve("code"), outside);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("code: is a symbolic link, not a folder of the bundle; refused"), e.getMessage());

        Files.delete(bundle.resolve("code"));
        Files.writeString(bundle.resolve("code"), "a file");
        e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("code: is not a folder; refused"), e.getMessage());
    }

    @Test
    void aLinkInTheCodeFolderLeadingOutIsRefusedAndOneBesideItFollowed() throws Exception {
        Path bundle = written();
        Path loader = bundle.resolve("code/loader.py");
        Path besideBundle = Files.move(loader, bundle.resolve("loader-real.py"));
        Files.createSymbolicLink(loader, besideBundle);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("code/loader.py: is a symbolic link leading out of the bundle folder; refused"),
                e.getMessage());

        Files.delete(loader);
        Files.move(besideBundle, bundle.resolve("code/loader-real.py"));
        Files.createSymbolicLink(loader, Path.of("loader-real.py"));
        assertEquals(mlflowLike(), ModelBundle.load(bundle).attached(), "a link to a file beside it in code/ is followed");
    }

    @Test
    void aFolderOrAnAttachedFileOverTheLimitIsRefused() throws Exception {
        Path bundle = dir.resolve("m");
        byte[] large = "#".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        TinyModels.bundle().withAttached(AttachedFiles.of(Map.of("code/loader.py", large))).writeTo(bundle);
        long size = large.length;
        assertTrue(Files.size(bundle.resolve(ModelBundle.MODEL)) < size, "only the attached file is over the limit");
        String before = System.setProperty(ReadLimits.MODEL_FILE, Long.toString(size - 1));
        try {
            BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
            assertTrue(e.getMessage().contains("code/loader.py: is " + size + " bytes, over the limit of 99,999"
                    + " bytes (netsec.limits.model-file); refused"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(ReadLimits.MODEL_FILE);
            } else {
                System.setProperty(ReadLimits.MODEL_FILE, before);
            }
        }
        Files.delete(bundle.resolve("code/loader.py"));
        Files.createDirectory(bundle.resolve("code/loader.py"));
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(bundle));
        assertTrue(e.getMessage().contains("code/loader.py: is a folder, not a file; refused"), e.getMessage());
    }

    @Test
    void aCodeFolderHoldingAnUnlistedFileIsNotReplaced() throws Exception {
        Path bundle = written();
        ModelFolder.requireReplaceable(bundle); // the bundle's own code folder: nothing to lose
        Files.writeString(bundle.resolve("code/notes.txt"), "mine");
        ModelFolderRefusedException e = assertThrows(ModelFolderRefusedException.class,
                () -> TinyModels.bundle().writeTo(bundle));
        assertTrue(e.getMessage().contains("holds a model bundle and other files (code)"), e.getMessage());
        assertEquals("mine", Files.readString(bundle.resolve("code/notes.txt")), "nothing was lost");

        Files.delete(bundle.resolve("code/notes.txt"));
        Files.createDirectory(bundle.resolve("code/sub"));
        assertThrows(ModelFolderRefusedException.class, () -> ModelFolder.requireReplaceable(bundle), "a folder in code/");
    }

    private static void deleteCode(Path bundle) throws IOException {
        Files.delete(bundle.resolve("code/loader.py"));
        Files.delete(bundle.resolve("code"));
    }
}
