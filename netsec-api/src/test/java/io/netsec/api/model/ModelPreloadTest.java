package io.netsec.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netsec.api.TestModel;
import io.netsec.core.bundle.BundleException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelPreloadTest {

    @Test
    void handsOverTheLoadOnlyForTheFolderItRead() throws Exception {
        Path folder = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "preload-").resolve("model");
        TestModel.bundle().writeTo(folder);

        ModelPreload.start(folder);
        assertNull(ModelPreload.take(folder.resolveSibling("elsewhere")), "another folder: the registry loads it");
        assertNull(ModelPreload.take(folder), "taken once: nothing is left after a miss");

        ModelPreload.start(folder);
        assertEquals(TestModel.bundle().manifest().createdAt(), ModelPreload.take(folder).bundle().manifest().createdAt());

        ModelPreload.start(folder);
        ModelPreload.discard(); // a registered model is pulled instead: nothing stays held
        assertNull(ModelPreload.take(folder));
    }

    @Test
    void aBadBundleFailsAsALoadWould() throws Exception {
        Path empty = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "preload-empty-");
        ModelPreload.start(empty);
        assertThrows(BundleException.class, () -> ModelPreload.take(empty));
    }
}
