package io.netsec.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.testing.TinyModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    @TempDir
    Path dir;

    @Test
    void writesAndLoadsTheSameModel() throws Exception {
        ModelBundle written = TinyModels.bundle().writeTo(dir.resolve("m"));
        ModelBundle loaded = ModelBundle.load(dir.resolve("m"));
        assertEquals(written.manifest(), loaded.manifest());
        double[] x = {900, 1, 0, 0, 0, 0, 1};
        assertEquals(written.model().threatProbability(x), loaded.model().threatProbability(x));
        assertEquals(64, loaded.manifest().files().get(ModelBundle.MODEL).length());
        String checksums = Files.readString(dir.resolve("m").resolve(ModelBundle.CHECKSUMS));
        assertTrue(checksums.contains("  manifest.json\n"), "sha256sum format: " + checksums);
    }

    @Test
    void replacesAnExistingBundleAndLeavesNoTemporaryFolders() throws Exception {
        TinyModels.bundle().writeTo(dir.resolve("m"));
        TinyModels.bundle().writeTo(dir.resolve("m"));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(dir.resolve("m")), files.toList());
        }
    }

    @Test
    void refusesATamperedModelFile() throws Exception {
        TinyModels.bundle().writeTo(dir.resolve("m"));
        Path model = dir.resolve("m").resolve(ModelBundle.MODEL);
        Files.writeString(model, Files.readString(model).replace("0.9", "0.1"));
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("model.json: checksum mismatch"), e.getMessage());
    }

    @Test
    void refusesATamperedManifest() throws Exception {
        TinyModels.bundle().writeTo(dir.resolve("m"));
        Path manifest = dir.resolve("m").resolve(ModelBundle.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"value\" : 0.5", "\"value\" : 0.01"));
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("manifest.json: checksum mismatch"), e.getMessage());
    }

    @Test
    void refusesAnIncompleteBundle() throws Exception {
        TinyModels.bundle().writeTo(dir.resolve("m"));
        Files.delete(dir.resolve("m").resolve(ModelBundle.SCHEMA));
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(dir.resolve("m")));
        assertTrue(e.getMessage().contains("schema.yaml: incomplete bundle"), e.getMessage());
    }

    @Test
    void refusesAStructurallyBrokenModelEvenWithMatchingChecksums() throws Exception {
        TinyModels.bundle().writeTo(dir.resolve("m"));
        Path folder = dir.resolve("m");
        Path model = folder.resolve(ModelBundle.MODEL);
        // A child pointing back at its parent would make scoring loop forever.
        Files.writeString(model, Files.readString(model).replace("\"left\":[1,0,0]", "\"left\":[0,0,0]"));
        String sums = Files.readString(folder.resolve(ModelBundle.CHECKSUMS));
        String oldSum = io.netsec.core.Sha256.of(Files.readAllBytes(model));
        sums = sums.replaceAll("[0-9a-f]{64}  model.json", oldSum + "  model.json");
        Files.writeString(folder.resolve(ModelBundle.CHECKSUMS), sums);
        String manifest = Files.readString(folder.resolve(ModelBundle.MANIFEST));
        Files.writeString(folder.resolve(ModelBundle.MANIFEST), manifest);
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(folder));
        assertTrue(e.getMessage().contains("children outside"), e.getMessage());
    }

    @Test
    void refusesAFormatVersionItDoesNotRead() throws Exception {
        for (int version : new int[] {BundleManifest.FORMAT_VERSION + 1, 99, 0, -1}) {
            Path folder = dir.resolve("m" + (version + 2));
            TinyModels.bundle().writeTo(folder);
            Path manifest = folder.resolve(ModelBundle.MANIFEST);
            Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"format_version\" : \\d+",
                    "\"format_version\" : " + version));
            String sums = Files.readString(folder.resolve(ModelBundle.CHECKSUMS)).replaceAll("[0-9a-f]{64}  manifest.json",
                    io.netsec.core.Sha256.of(Files.readAllBytes(manifest)) + "  manifest.json");
            Files.writeString(folder.resolve(ModelBundle.CHECKSUMS), sums, StandardCharsets.US_ASCII);
            BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(folder));
            assertTrue(e.getMessage().endsWith("manifest.json: bundle format version " + version
                    + " is not supported by this version of netsec (it reads versions 1 to " + BundleManifest.FORMAT_VERSION
                    + ")"), e.getMessage());
        }
    }

    @Test
    void saysWhereNoBundleIs() {
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.load(dir.resolve("nothing")));
        assertTrue(e.getMessage().contains("no model bundle here"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("nothing")));
    }
}
