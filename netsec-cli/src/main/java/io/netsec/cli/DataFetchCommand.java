package io.netsec.cli;

import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.fetch.DatasetDownload;
import io.netsec.ingestion.fetch.DownloadException;
import io.netsec.ingestion.fetch.FetchedDataset;
import io.netsec.ingestion.file.OutputFile;
import io.netsec.ingestion.file.PartialFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code netsec data fetch}: downloads the UCI Phishing Websites zip, converts its ARFF file to
 * CSV with the schema's column names, and verifies the result. By default the converted CSV is
 * checked against {@link DatasetDownload#PHISHING_CSV_SHA256}; {@code --sha256} adds a check of
 * the zip itself, and {@code --csv-sha256} replaces the CSV checksum ({@code none} drops it, which
 * needs {@code --sha256}). A download with neither checksum is refused. The result line gives the
 * zip's SHA-256 too, so it can be recorded.
 *
 * <pre>
 * netsec data fetch
 * netsec data fetch --url ~/Downloads/phishing+websites.zip --sha256 &lt;hex&gt; --output network_data/phishing.csv
 * netsec data fetch --url https://example.org/other.zip --entry other.arff --schema data_schema/other.yaml \
 *     --sha256 &lt;hex&gt; --csv-sha256 none
 * </pre>
 */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = {
                "Download the UCI Phishing Websites data set, convert its ARFF file to CSV and verify the result.",
                "By default the converted CSV is checked against the published checksum; --sha256 also checks the zip.",
                "At least one checksum is required. The CSV appears at --output only when every step succeeded.",
        })
public final class DataFetchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL|PATH", defaultValue = DatasetDownload.PHISHING_URL,
            description = "Where the zip is: an http(s) or file: URL, or a local path (default: ${DEFAULT-VALUE}).")
    String url;

    /** Turns a checksum option off. */
    static final String NONE = "none";

    @Option(names = "--sha256", paramLabel = "HEX",
            description = "The SHA-256 the zip must have (default: the zip is not checked; its SHA-256 is printed).")
    String sha256;

    @Option(names = "--csv-sha256", paramLabel = "HEX|none", defaultValue = DatasetDownload.PHISHING_CSV_SHA256,
            description = {"The SHA-256 the converted CSV must have (default: that of the published phishing CSV, ${DEFAULT-VALUE}).",
                    "'none' skips this check, e.g. for another data set; then --sha256 is required."})
    String csvSha256;

    @Option(names = "--entry", paramLabel = "NAME", defaultValue = DatasetDownload.PHISHING_ENTRY,
            description = "The ARFF file inside the zip (default: ${DEFAULT-VALUE}).")
    String entry;

    @Option(names = "--schema", paramLabel = "FILE", defaultValue = "data_schema/phishing.yaml",
            description = "The schema whose column names the CSV gets (default: ${DEFAULT-VALUE}).")
    Path schema;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "network_data/phishing.csv",
            description = "The CSV file to write (default: ${DEFAULT-VALUE}); '-' for standard output; a device or FIFO"
                    + " gets the verified CSV as a stream.")
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
        InputFiles.requireFile(schema);
        DatasetDownload download = configure(SchemaLoader.load(schema).schema(), output);
        List<Path> reads = new ArrayList<>(List.of(schema));
        if ("file".equalsIgnoreCase(download.source().getScheme())) {
            reads.add(Path.of(download.source())); // a local zip: never written over by its own CSV
        }
        OutputFile.Kind kind = OutputFile.check(output, reads);
        // A download is verified as a file, then moved into place. A stream (a device, a FIFO,
        // standard output) gets the verified file copied into it, from a partial file of its own.
        Path verified = kind == OutputFile.Kind.FILE ? output
                : PartialFiles.create(Path.of(System.getProperty("java.io.tmpdir")), "netsec-fetch.csv");
        FetchedDataset fetched;
        try {
            fetched = configure(download.schema(), verified).run(line -> common.progress(err, "%s", line));
            if (kind != OutputFile.Kind.FILE) {
                try (OutputFile out = OutputFile.open(output, reads)) {
                    Files.copy(verified, out.stream());
                    out.commit();
                }
            }
        } catch (DownloadException e) {
            throw new UserFacingException(ExitCodes.UNREACHABLE, e.getMessage(), e);
        } finally {
            if (kind != OutputFile.Kind.FILE) {
                PartialFiles.delete(verified);
            }
        }
        var out = kind == OutputFile.Kind.STDOUT ? err : spec.commandLine().getOut(); // the rows are on stdout
        out.printf("%s: %d rows, SHA-256 %s, archive SHA-256 %s%n",
                output, fetched.rows(), fetched.sha256(), fetched.archiveSha256());
        out.flush();
        return ExitCodes.OK;
    }

    private DatasetDownload configure(DataSchema dataSchema, Path target) {
        try {
            String expectedCsv = NONE.equalsIgnoreCase(csvSha256.trim()) ? null : csvSha256;
            if (sha256 == null && expectedCsv == null) {
                throw new IllegalArgumentException("refusing an unverified download: --csv-sha256 " + NONE
                        + " needs --sha256 HEX, the SHA-256 the zip must have");
            }
            URI source = DatasetDownload.parseSource(url);
            return new DatasetDownload(source, sha256, expectedCsv, entry, target, dataSchema,
                    Duration.ofSeconds(connectTimeoutSeconds), Duration.ofSeconds(readTimeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
