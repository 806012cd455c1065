package io.netsec.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a bundle may be written: writing replaces the folder whole, so only an absent or empty
 * folder or a bundle is replaced; everything else is refused by the write itself, and is kept.
 */
class ModelFolderTest {

    @TempDir
    Path dir;

    @Test
    void anAbsentAnEmptyFolderAndABundleAreReplaced() throws Exception {
        Path absent = dir.resolve("new");
        TinyModels.bundle().writeTo(absent);
        Path empty = Files.createDirectory(dir.resolve("empty"));
        TinyModels.bundle().writeTo(empty);
        TinyModels.bundle().writeTo(absent); // a bundle: replaced
        ModelBundle.load(absent);
        ModelBundle.load(empty);
    }

    @Test
    void aFolderWithOtherFilesIsRefusedAndKept() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(folder.resolve("notes.txt"), "keep me");
        Files.writeString(folder.resolve("data.csv"), "a,b\n1,2\n");
        ModelFolderRefusedException e = assertThrows(ModelFolderRefusedException.class,
                () -> TinyModels.bundle().writeTo(folder));
        assertEquals(folder + ": is not empty and holds no model bundle (data.csv, notes.txt): writing a bundle"
                + " would replace it; choose an empty folder or an existing bundle", e.getMessage());
        assertEquals("keep me", Files.readString(folder.resolve("notes.txt")));
        assertEquals(List.of(folder), list(dir), "nothing written beside it either");
        assertThrows(ModelFolderRefusedException.class, () -> TinyModels.bundle().writeTo(folder.resolve("x").resolve("..")),
                "the folder named another way (the write replaces 'mine/x/..' as 'mine', with or without an x)");
        assertEquals("keep me", Files.readString(folder.resolve("notes.txt")));
    }

    @Test
    void aFileIsRefusedAndKept() throws Exception {
        Path data = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n");
        ModelFolderRefusedException e = assertThrows(ModelFolderRefusedException.class,
                () -> TinyModels.bundle().writeTo(data));
        assertTrue(e.getMessage().startsWith(data + ": is a file, not a model folder"), e.getMessage());
        assertEquals("a,b\n1,2\n", Files.readString(data));
    }

    @Test
    void aBundleWithOtherFilesBesideItIsRefused() throws Exception {
        Path folder = dir.resolve("model");
        TinyModels.bundle().writeTo(folder);
        Files.writeString(folder.resolve("README"), "how this model was made");
        ModelFolderRefusedException e = assertThrows(ModelFolderRefusedException.class,
                () -> TinyModels.bundle().writeTo(folder));
        assertTrue(e.getMessage().contains("holds a model bundle and other files (README)"), e.getMessage());
        assertTrue(Files.exists(folder.resolve("README")));
        ModelBundle.load(folder);
    }

    @Test
    void aDamagedBundleIsStillABundleByItsManifest() throws Exception {
        Path folder = dir.resolve("model");
        TinyModels.bundle().writeTo(folder);
        Path model = folder.resolve(ModelBundle.MODEL);
        Files.writeString(model, Files.readString(model).replace("0.9", "0.1")); // its checksum no longer holds
        TinyModels.bundle().writeTo(folder);
        ModelBundle.load(folder);
    }

    @Test
    void aManifestOfAnotherKindIsNotABundle() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("web"));
        Files.writeString(folder.resolve(ModelBundle.MANIFEST), "{\"name\": \"my web app\", \"format\": \"pwa\"}");
        ModelFolderRefusedException e = assertThrows(ModelFolderRefusedException.class,
                () -> TinyModels.bundle().writeTo(folder));
        assertTrue(e.getMessage().contains("holds no model bundle (manifest.json)"), e.getMessage());
    }

    @Test
    void aLinkIsJudgedByWhatItPointsTo() throws Exception {
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        Path link = Files.createSymbolicLink(dir.resolve("link"), mine);
        assertThrows(ModelFolderRefusedException.class, () -> TinyModels.bundle().writeTo(link));
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));

        Path bundle = dir.resolve("bundle");
        TinyModels.bundle().writeTo(bundle);
        Path toBundle = Files.createSymbolicLink(dir.resolve("to-bundle"), bundle);
        TinyModels.bundle().writeTo(toBundle);
        ModelBundle.load(toBundle);
    }

    @Test
    void aFifoAndADeviceAreRefused() throws Exception {
        Path fifo = dir.resolve("fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        ModelFolderRefusedException e = assertThrows(ModelFolderRefusedException.class,
                () -> TinyModels.bundle().writeTo(fifo));
        assertTrue(e.getMessage().contains("is not a folder"), e.getMessage());
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo) && !Files.isDirectory(fifo), "the FIFO is kept");

        // A character device of our own (the null device's numbers), not /dev/null: the old write
        // would have replaced the node with a folder. Making one needs root.
        Path device = dir.resolve("null-device");
        Assumptions.assumeTrue(new ProcessBuilder("mknod", device.toString(), "c", "1", "3").start().waitFor() == 0,
                "making a device node needs root");
        e = assertThrows(ModelFolderRefusedException.class, () -> TinyModels.bundle().writeTo(device));
        assertTrue(e.getMessage().contains("is not a folder"), e.getMessage());
        assertTrue(Files.exists(device) && !Files.isRegularFile(device) && !Files.isDirectory(device), "the device is kept");
    }

    @Test
    void theFolderMayNeitherBeNorHoldTheDataTrainedOn() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("work"));
        Path data = Files.writeString(folder.resolve("data.csv"), "a\n1\n");
        ModelFolderRefusedException e = assertThrows(ModelFolderRefusedException.class,
                () -> ModelFolder.requireApart(folder, data));
        assertTrue(e.getMessage().contains("holds the data being trained on"), e.getMessage());
        assertThrows(ModelFolderRefusedException.class, () -> ModelFolder.requireApart(dir, data), "not only the parent");
        assertThrows(ModelFolderRefusedException.class,
                () -> ModelFolder.requireApart(folder.resolve("x").resolve(".."), data), "through .., even with no x");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), data);
        e = assertThrows(ModelFolderRefusedException.class, () -> ModelFolder.requireApart(data, link));
        assertTrue(e.getMessage().contains("is the data being trained on"), e.getMessage());
        ModelFolder.requireApart(dir.resolve("elsewhere"), data);
        ModelFolder.requireApart(Files.createDirectory(dir.resolve("beside")), data);
    }

    private static List<Path> list(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
