package io.netsec.cli;

import io.netsec.core.schema.LoadedSchema;
import io.netsec.ingestion.fetch.DatasetDownload;
import io.netsec.ingestion.fetch.FetchedDataset;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Downloads the public phishing data for commands that need data and were given none. */
final class PublicData {

    private PublicData() {
    }

    static Path fetch(CommandSpec spec, CommonOptions common, LoadedSchema schema, Path output) throws Exception {
        FetchedDataset fetched = DatasetDownload.phishing(output, schema.schema())
                .run(line -> common.progress(spec.commandLine().getErr(), "%s", line));
        common.progress(spec.commandLine().getErr(), "fetched %d rows into %s", fetched.rows(), fetched.path());
        return fetched.path();
    }
}
