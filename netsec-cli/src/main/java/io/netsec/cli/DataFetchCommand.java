package io.netsec.cli;

import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.fetch.DatasetDownload;
import io.netsec.ingestion.fetch.DownloadException;
import io.netsec.ingestion.fetch.FetchedDataset;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netsec data fetch}: downloads the UCI Phishing Websites zip, checks its SHA-256,
 * and converts its ARFF file to CSV with the schema's column names.
 *
 * <pre>
 * netsec data fetch
 * netsec data fetch --url ~/Downloads/phishing+websites.zip --sha256 &lt;hex&gt; --output network_data/phishing.csv
 * </pre>
 */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = {
                "Download the UCI Phishing Websites data set, verify its SHA-256 and convert its ARFF file to CSV.",
                "The CSV appears at --output only when every step succeeded.",
        })
public final class DataFetchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL|PATH", defaultValue = DatasetDownload.PHISHING_URL,
            description = "Where the zip is: an http(s) or file: URL, or a local path (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--sha256", paramLabel = "HEX", defaultValue = DatasetDownload.PHISHING_SHA256,
            description = "The SHA-256 the zip must have (default: the built-in checksum of the UCI archive).")
    String sha256;

    @Option(names = "--entry", paramLabel = "NAME", defaultValue = DatasetDownload.PHISHING_ENTRY,
            description = "The ARFF file inside the zip (default: ${DEFAULT-VALUE}).")
    String entry;

    @Option(names = "--schema", paramLabel = "FILE", defaultValue = "data_schema/phishing.yaml",
            description = "The schema whose column names the CSV gets (default: ${DEFAULT-VALUE}).")
    Path schema;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "network_data/phishing.csv",
            description = "The CSV file to write (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "How long to wait for a connection (default: ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the answer and then for each chunk of data (default: ${DEFAULT-VALUE}).")
    int readTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        DatasetDownload download = configure(SchemaLoader.load(schema).schema());
        FetchedDataset fetched;
        try {
            fetched = download.run(line -> common.progress(err, "%s", line));
        } catch (DownloadException e) {
            throw new UserFacingException(ExitCodes.UNREACHABLE, e.getMessage(), e);
        }
        var out = spec.commandLine().getOut();
        out.printf("%s: %d rows, SHA-256 %s%n", fetched.path(), fetched.rows(), fetched.sha256());
        out.flush();
        return ExitCodes.OK;
    }

    private DatasetDownload configure(DataSchema dataSchema) {
        try {
            URI source = DatasetDownload.parseSource(url);
            return new DatasetDownload(source, sha256, entry, output, dataSchema,
                    Duration.ofSeconds(connectTimeoutSeconds), Duration.ofSeconds(readTimeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
