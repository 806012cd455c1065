package io.netsec.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the shared data sets and the repository's schema files (set by Maven). */
public final class TestData {

    private TestData() {
    }

    public static Path dataDir() {
        return Path.of(System.getProperty("netsec.data.dir", "../../shared/data"));
    }

    public static Path repoDir() {
        return Path.of(System.getProperty("netsec.repo.dir", ".."));
    }

    /** The UCI phishing data set; fails with a clear message when the setting points nowhere. */
    public static Path phishingCsv() {
        Path file = dataDir().resolve("phisingData.csv");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("test data not found at " + file.toAbsolutePath()
                    + ": set -Dnetsec.data.dir to the folder holding phisingData.csv");
        }
        return file;
    }

    public static Path phishingSchema() {
        return repoDir().resolve("data_schema/phishing.yaml");
    }

    public static Path networkTrafficSchema() {
        return repoDir().resolve("data_schema/network_traffic.yaml");
    }
}
