package io.netsec.ingestion.fetch;

import io.netsec.core.CredentialMask;
import io.netsec.core.Sha256;
import io.netsec.core.data.DataException;
import io.netsec.core.schema.DataSchema;
import io.netsec.ingestion.file.OutputFile;
import io.netsec.ingestion.file.OutputFileRefusedException;
import io.netsec.ingestion.file.PartialFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Fetches a zipped ARFF data set, converts the ARFF entry to CSV in the schema's shape, and
 * verifies the result against an expected SHA-256: of the archive, of the converted CSV, or of
 * both. At least one of the two must be given, so nothing is ever accepted unverified. The
 * archive is checked as soon as it is downloaded, the CSV after the conversion and before it is
 * moved into place. Nothing appears at {@code output} unless every step succeeded: the archive
 * and the CSV are written to hidden temporary files beside {@code output}, and the CSV is moved
 * into place only at the end; the temporary files are deleted whatever happens, and an existing
 * {@code output} is left untouched when anything fails.
 *
 * <p>The built-in phishing download checks the converted CSV only ({@link #PHISHING_CSV_SHA256}):
 * the checksum of the UCI zip itself is not known to this project. The result reports the
 * archive's SHA-256 either way, so a user can record it and pass it as the expected one later.
 *
 * <pre>{@code
 * DataSchema schema = SchemaLoader.load(Path.of("data_schema/phishing.yaml")).schema();
 * FetchedDataset fetched = DatasetDownload.phishing(Path.of("network_data/phishing.csv"), schema)
 *         .run(line -> System.err.println(line));
 * // fetched.rows() == 11055, fetched.path() is network_data/phishing.csv,
 * // fetched.sha256() == PHISHING_CSV_SHA256, fetched.archiveSha256() is the zip's checksum
 * }</pre>
 *
 * @param source             where the zip is: {@code http:}, {@code https:} or {@code file:} (see {@link #parseSource})
 * @param expectedSha256     the SHA-256 the zip must have, hex; {@code null} to leave the zip unchecked
 * @param expectedCsvSha256  the SHA-256 the converted CSV must have, hex; {@code null} to leave the CSV
 *                           unchecked. At least one of the two checksums must be given.
 * @param entry           the ARFF file inside the zip
 * @param output          the CSV file to write
 * @param schema          the schema whose column names and order the CSV takes
 * @param connectTimeout  how long to wait for a connection
 * @param readTimeout     how long to wait for the response, and then for each chunk of the body
 */
public record DatasetDownload(
        URI source,
        String expectedSha256,
        String expectedCsvSha256,
        String entry,
        Path output,
        DataSchema schema,
        Duration connectTimeout,
        Duration readTimeout) {

    /** Where UCI publishes the Phishing Websites data set (id 327). */
    public static final String PHISHING_URL = "https://archive.ics.uci.edu/static/public/327/phishing+websites.zip";

    /**
     * The expected SHA-256 of the CSV converted from {@link #PHISHING_ENTRY} in schema shape: that of
     * the published phishing CSV (11,055 rows). The tests show that the conversion of an ARFF
     * holding that CSV's rows gives it back byte for byte. There is no built-in checksum of the
     * zip at {@link #PHISHING_URL}; the download reports the one it got.
     */
    public static final String PHISHING_CSV_SHA256 = "d2e9db415c1a42e96b13d0bc449411c964872991afcbdaa6f47acbb60372992b";

    /** The ARFF file inside the UCI zip. */
    public static final String PHISHING_ENTRY = "Training Dataset.arff";

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    /** A URI scheme of two letters or more, so that a Windows path such as C:\data is no URL. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

    public DatasetDownload {
        Objects.requireNonNull(source, "source");
        String scheme = source.getScheme() == null ? "" : source.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("http", "https", "file").contains(scheme)) {
            throw new IllegalArgumentException("cannot download '" + CredentialMask.uri(source.toString()) + "': only http:, https: and file: URLs are supported");
        }
        if (!scheme.equals("file") && source.getHost() == null) {
            // e.g. an unencoded '@' in a password: the HTTP client would refuse it as an internal error
            throw new IllegalArgumentException("cannot download '" + CredentialMask.uri(source.toString())
                    + "': the URL names no host (write '@', ':' and '/' in the user information as %40, %3A and %2F)");
        }
        expectedSha256 = sha256OrNull(expectedSha256, "the expected SHA-256");
        expectedCsvSha256 = sha256OrNull(expectedCsvSha256, "the expected SHA-256 of the CSV");
        if (expectedSha256 == null && expectedCsvSha256 == null) {
            throw new IllegalArgumentException("refusing an unverified download of '" + CredentialMask.uri(source.toString()) + "': give the expected"
                    + " SHA-256 of the archive, of the converted CSV, or both");
        }
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException("the name of the ARFF file inside the archive is empty");
        }
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(schema, "schema");
        connectTimeout = positive(connectTimeout, "connect timeout");
        readTimeout = positive(readTimeout, "read timeout");
    }

    /**
     * The UCI Phishing Websites download with its built-in URL, entry and timeouts; it checks the
     * converted CSV against {@link #PHISHING_CSV_SHA256} and leaves the zip unchecked.
     */
    public static DatasetDownload phishing(Path output, DataSchema schema) {
        return new DatasetDownload(URI.create(PHISHING_URL), null, PHISHING_CSV_SHA256, PHISHING_ENTRY, output, schema,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    public DatasetDownload withSource(URI newSource) {
        return new DatasetDownload(newSource, expectedSha256, expectedCsvSha256, entry, output, schema,
                connectTimeout, readTimeout);
    }

    /** With this expected SHA-256 of the zip; {@code null} leaves the zip unchecked. */
    public DatasetDownload withExpectedSha256(String sha256) {
        return new DatasetDownload(source, sha256, expectedCsvSha256, entry, output, schema, connectTimeout, readTimeout);
    }

    /** With this expected SHA-256 of the converted CSV; {@code null} leaves the CSV unchecked. */
    public DatasetDownload withExpectedCsvSha256(String sha256) {
        return new DatasetDownload(source, expectedSha256, sha256, entry, output, schema, connectTimeout, readTimeout);
    }

    public DatasetDownload withEntry(String newEntry) {
        return new DatasetDownload(source, expectedSha256, expectedCsvSha256, newEntry, output, schema,
                connectTimeout, readTimeout);
    }

    public DatasetDownload withTimeouts(Duration connect, Duration read) {
        return new DatasetDownload(source, expectedSha256, expectedCsvSha256, entry, output, schema, connect, read);
    }

    /**
     * A URL or a local path as a URI: {@code https://host/x.zip} and {@code file:/data/x.zip}
     * stay as they are, {@code downloads/x.zip} becomes the {@code file:} URI of that path.
     */
    public static URI parseSource(String text) {
        String trimmed = text.trim();
        if (SCHEME.matcher(trimmed).find()) {
            try {
                return new URI(trimmed);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("not a valid URL: '" + CredentialMask.uri(trimmed) + "' (" + e.getReason() + ")");
            }
        }
        return Path.of(trimmed).toAbsolutePath().normalize().toUri();
    }

    /**
     * Downloads, verifies the archive (when its checksum is given), converts, verifies the CSV
     * (when its checksum is given) and moves into place.
     *
     * @throws DownloadException when the service cannot be reached, answers with an error, stalls or stops early
     * @throws DataException     when the archive or the converted CSV has the wrong checksum, the archive
     *                           is no zip or lacks the entry, or the ARFF is malformed
     * @throws IOException       when a local file cannot be read or written
     */
    public FetchedDataset run(FetchProgress progress) throws IOException {
        List<Path> inputs = "file".equalsIgnoreCase(source.getScheme()) ? List.of(Path.of(source)) : List.of();
        if (OutputFile.check(output, inputs) != OutputFile.Kind.FILE) {
            // moved into place at the end: a rename over a device would replace the device node
            throw new OutputFileRefusedException(output, "is not a file (a device, a FIFO or '-'): the download is moved"
                    + " into place as a file; fetch to a file and copy it from there");
        }
        Path target = output.toAbsolutePath().normalize();
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path archive = newPartFile(folder, target.getFileName() + ".zip");
        Path csv = null;
        boolean moved = false;
        ArffArchive zip = new ArffArchive(shownSource(), entry, schema);
        try {
            progress.report("downloading " + shownSource());
            MessageDigest archiveDigest = Sha256.newDigest();
            long bytes;
            try (OutputStream file = new DigestOutputStream(Files.newOutputStream(archive), archiveDigest)) {
                bytes = new ArchiveTransfer(source, connectTimeout, readTimeout, progress).copyTo(file);
            }
            String archiveSha256 = HexFormat.of().formatHex(archiveDigest.digest());
            if (expectedSha256 != null) {
                zip.verifyArchive(expectedSha256, archiveSha256, bytes);
                progress.report("downloaded " + ArchiveTransfer.mebibytes(bytes) + ", SHA-256 " + archiveSha256 + " as expected");
            } else {
                progress.report("downloaded " + ArchiveTransfer.mebibytes(bytes) + ", SHA-256 " + archiveSha256
                        + " (no expected checksum for the archive; the converted CSV will be checked)");
            }

            csv = newPartFile(folder, target.getFileName().toString());
            MessageDigest csvDigest = Sha256.newDigest();
            long rows = zip.convert(archive, csv, csvDigest, progress);
            String csvSha256 = HexFormat.of().formatHex(csvDigest.digest());
            if (expectedCsvSha256 != null) {
                zip.verifyCsv(expectedCsvSha256, csvSha256, rows, archiveSha256);
                progress.report("converted " + rows + " rows, SHA-256 " + csvSha256 + " as expected");
            }
            move(csv, target);
            moved = true;
            progress.report("wrote " + rows + " rows to " + output);
            return new FetchedDataset(output, rows, csvSha256, source, archiveSha256, bytes);
        } finally {
            discard(archive);
            if (!moved && csv != null) {
                discard(csv);
            }
        }
    }

    /**
     * A new empty hidden file beside the output; created here, not with createTempFile, so it gets
     * the usual permissions. Removed also when the JVM is stopped midway ({@link PartialFiles}).
     */
    private static Path newPartFile(Path folder, String base) throws IOException {
        return PartialFiles.create(folder, base);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        PartialFiles.forget(from);
    }

    private static void discard(Path file) {
        // Deleting a file we created in a folder we just wrote to only fails when the folder
        // changed under us; the original failure matters more than this one.
        PartialFiles.delete(file);
    }

    /** The source as messages show it: a password or token in the URL is masked. */
    private String shownSource() {
        return CredentialMask.uri(source.toString());
    }

    /** The most specific message in a chain of causes; HttpClient often leaves the outer one empty. */
    static String reason(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message != null ? message : failure.getClass().getSimpleName();
    }

    /** A SHA-256 in lower-case hex, or {@code null} when none is given. */
    private static String sha256OrNull(String sha256, String what) {
        if (sha256 == null) {
            return null;
        }
        if (!SHA256_HEX.matcher(sha256.trim()).matches()) {
            throw new IllegalArgumentException(what + " must be 64 hex digits, got '" + sha256 + "'");
        }
        return sha256.trim().toLowerCase(Locale.ROOT);
    }

    private static Duration positive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive, got " + duration);
        }
        return duration;
    }
}
