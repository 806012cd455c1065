package io.netsec.api;

import io.netsec.api.config.NetsecConfig;
import io.netsec.api.model.ModelRegistry;
import io.netsec.api.model.ServedModel;
import io.netsec.core.Detector;
import io.netsec.core.bundle.ModelBundle;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the {@code @QuarkusTest} classes that run on {@link TestModel}'s application. Quarkus
 * starts that application once and shares it between those classes, and some tests change the
 * served model (a training job rewrites the served folder and serves its model; a swap test serves
 * other folders). So before each test, unless TestModel's bundle is what is served, it is written
 * back into {@code netsec.model-dir} and served again: no test depends on which ran before it.
 */
abstract class KnownModelTest {

    @Inject
    ModelRegistry models;

    @Inject
    NetsecConfig config;

    @BeforeEach
    void startFromTheKnownModel() throws IOException {
        Path folder = config.modelDir().toAbsolutePath().normalize();
        ModelBundle known = TestModel.bundle();
        if (!serves(known, folder)) {
            known.writeTo(folder);
            // Served as a training job serves its model: loaded and verified from the folder.
            models.replace(Detector.load(folder), folder);
        }
    }

    /** Whether {@code known} is served from {@code folder}, in memory and on disk (no bundle is read). */
    private boolean serves(ModelBundle known, Path folder) throws IOException {
        ServedModel served = models.current().orElse(null);
        Path sums = folder.resolve(ModelBundle.CHECKSUMS);
        return served != null
                && served.folder().toAbsolutePath().normalize().equals(folder)
                && served.detector().bundle().manifest().files().equals(known.manifest().files())
                && Files.isRegularFile(sums)
                && Arrays.equals(Files.readAllBytes(sums), Files.readAllBytes(TestModel.TRAINED.resolve(ModelBundle.CHECKSUMS)));
    }
}
