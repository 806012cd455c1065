package io.netsec.core.bundle;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Fuzzes the readers of a bundle's JSON files ({@link BundleFiles}): a bundle may come from a
 * model registry, so any input must end in a model, a manifest or an {@link IOException} that
 * names the fault (a {@code MalformedException} or Jackson's own); anything else is a finding.
 * In a normal build the seeds in {@code src/test/resources/io/netsec/core/bundle/BundleFilesFuzzTestInputs/}
 * run as regression tests; {@code JAZZER_FUZZ=1} fuzzes (see RELIABILITY.md).
 */
class BundleFilesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void modelAndManifestReaders(byte[] json) {
        try {
            BundleFiles.model(json);
        } catch (IOException expected) {
            // not a model, said with the field and line
        }
        try {
            BundleFiles.manifest(json);
        } catch (IOException expected) {
            // not a manifest
        }
    }
}
