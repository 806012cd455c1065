package io.netsec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle of format version 3 ships whole: the files of its {@code code/} folder travel with the
 * others, so each executor's verified load finds every file the checksums list.
 */
class ShippedBundleTest {

    /** netsec-core's fixture of version 3 (a J48 tree with the MLflow Model files). */
    private static final Path VERSION_3 = Path.of("..", "netsec-core", "src", "test", "resources", "bundles", "v3-j48");

    @TempDir
    Path dir;

    @Test
    void aBundleWithACodeFolderShipsAndLoads() throws Exception {
        ShippedBundle shipped = ShippedBundle.read(VERSION_3.toString(), new Configuration());
        assertEquals(3, shipped.detector().bundle().manifest().formatVersion());
        assertEquals(8, shipped.detector().bundle().attached().names().size());

        Path link = Files.createSymbolicLink(dir.resolve("current"), VERSION_3.toAbsolutePath());
        assertEquals(shipped.identity(), ShippedBundle.read(link.toString(), new Configuration()).identity(),
                "through a link to the folder, the same bundle");
    }
}
