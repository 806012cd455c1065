package io.netsec.ingestion.testing;

import java.nio.file.Path;

/** The repository's schema files, where Maven says the repository is. */
public final class RepoSchemas {

    private RepoSchemas() {
    }

    public static Path phishing() {
        return PhishingArchive.repoDir().resolve("data_schema/phishing.yaml");
    }

    public static Path networkTraffic() {
        return PhishingArchive.repoDir().resolve("data_schema/network_traffic.yaml");
    }
}
