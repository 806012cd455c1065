package io.netsec.ingestion.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.netsec.core.Sha256;
import io.netsec.core.data.DataException;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.testing.PhishingArchive;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetDownloadTest {

    private static DataSchema schema;
    private static Path zip;
    private static byte[] zipBytes;
    private static String zipSha256;

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void buildArchive() throws IOException {
        schema = SchemaLoader.load(PhishingArchive.schemaFile()).schema();
        zip = PhishingArchive.writeZip(shared.resolve("phishing+websites.zip"));
        zipBytes = Files.readAllBytes(zip);
        zipSha256 = Sha256.of(zipBytes);
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    /** Serves {@code body} at /327/phishing+websites.zip with the given status. */
    private URI serve(int status, byte[] body) throws IOException {
        return serve(exchange -> {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private URI serve(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/327/", handler);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/327/phishing+websites.zip");
    }

    /** The built-in phishing download (CSV checksum only), from {@code source}, with short timeouts. */
    private DatasetDownload defaults(URI source) {
        return DatasetDownload.phishing(work.resolve("network_data/phishing.csv"), schema)
                .withSource(source)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** As {@link #defaults}, and the zip's checksum is checked too. */
    private DatasetDownload download(URI source) {
        return defaults(source).withExpectedSha256(zipSha256);
    }

    /** A zip like the test archive, but the label of the last row of the ARFF is flipped. */
    private Path archiveWithOneRowChanged() throws IOException {
        Path arff = PhishingArchive.writeArff(work.resolve("t.arff"));
        String text = Files.readString(arff);
        Files.delete(arff);
        int end = text.stripTrailing().length();
        int lineStart = text.lastIndexOf('\n', end - 1) + 1;
        String last = text.substring(lineStart, end);
        String changed = last.endsWith(",-1") ? last.substring(0, last.length() - 3) + ",1"
                : last.substring(0, last.length() - 2) + ",-1";
        return PhishingArchive.writeZip(work.resolve("changed.zip"), PhishingArchive.ENTRY,
                text.substring(0, lineStart) + changed + text.substring(end));
    }

    private List<String> filesInOutputFolder() throws IOException {
        Path folder = work.resolve("network_data");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private void assertConvertedPhishingCsv(FetchedDataset fetched) throws IOException {
        Path csv = work.resolve("network_data/phishing.csv");
        assertEquals(11_055, fetched.rows());
        assertEquals(csv.toAbsolutePath(), fetched.path().toAbsolutePath());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(11_056, lines.size());
        assertTrue(lines.get(0).contains(",port_no,"), lines.get(0));
        // The ARFF was made from the shared CSV, so the conversion gives back exactly its rows.
        assertArrayEquals(Files.readAllBytes(PhishingArchive.csv()), Files.readAllBytes(csv));
        assertEquals(PhishingArchive.CSV_SHA256, fetched.sha256());
        assertEquals(zipSha256, fetched.archiveSha256());
        assertEquals(zipBytes.length, fetched.archiveBytes());
        assertEquals(List.of("phishing.csv"), filesInOutputFolder(), "no temporary file is left");
    }

    @Test
    void downloadsOverHttpAndConvertsEveryRow() throws IOException {
        URI url = serve(200, zipBytes);
        FetchedDataset fetched = download(url).run(progress::add);
        assertConvertedPhishingCsv(fetched);
        assertEquals(url, fetched.source());
        assertEquals("downloading " + url, progress.get(0));
        assertTrue(progress.contains("converting Training Dataset.arff to CSV"), progress.toString());
    }

    @Test
    void defaultDownloadChecksTheConvertedCsvWithoutAZipChecksum() throws IOException {
        URI url = serve(200, zipBytes);
        DatasetDownload download = defaults(url);
        assertNull(download.expectedSha256());
        FetchedDataset fetched = download.run(progress::add);
        assertConvertedPhishingCsv(fetched);
        assertTrue(progress.contains("downloaded " + zipBytes.length + " bytes, SHA-256 " + zipSha256
                + " (no expected checksum for the archive; the converted CSV will be checked)"), progress.toString());
        assertTrue(progress.contains("converted 11055 rows, SHA-256 " + PhishingArchive.CSV_SHA256 + " as expected"),
                progress.toString());
    }

    @Test
    void readsFileUrlsAndLocalPaths() throws IOException {
        assertConvertedPhishingCsv(download(zip.toUri()).run(FetchProgress.SILENT));
        URI fromPath = DatasetDownload.parseSource(zip.toString());
        assertEquals("file", fromPath.getScheme());
        assertConvertedPhishingCsv(download(fromPath).run(FetchProgress.SILENT));
    }

    @Test
    void parsesUrlsAndPaths() {
        assertEquals(URI.create(DatasetDownload.PHISHING_URL), DatasetDownload.parseSource(DatasetDownload.PHISHING_URL));
        assertEquals(Path.of("x.zip").toAbsolutePath().toUri(), DatasetDownload.parseSource("x.zip"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> download(URI.create("ftp://127.0.0.1/x.zip")));
        assertTrue(e.getMessage().contains("only http:, https: and file: URLs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> download(zip.toUri()).withExpectedSha256("abc"));
        IllegalArgumentException csv = assertThrows(IllegalArgumentException.class,
                () -> download(zip.toUri()).withExpectedCsvSha256("abc"));
        assertTrue(csv.getMessage().contains("the expected SHA-256 of the CSV must be 64 hex digits"), csv.getMessage());
    }

    @Test
    void checksumsAreNormalisedAndEitherMayBeLeftOut() {
        DatasetDownload both = download(zip.toUri()).withExpectedCsvSha256(" " + PhishingArchive.CSV_SHA256.toUpperCase() + " ");
        assertEquals(zipSha256, both.expectedSha256());
        assertEquals(PhishingArchive.CSV_SHA256, both.expectedCsvSha256());
        DatasetDownload zipOnly = both.withExpectedCsvSha256(null);
        assertNull(zipOnly.expectedCsvSha256());
        assertEquals(zipSha256, zipOnly.expectedSha256());
    }

    @Test
    void downloadWithNeitherChecksumIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> defaults(zip.toUri()).withExpectedCsvSha256(null));
        assertEquals("refusing an unverified download of '" + zip.toUri() + "': give the expected SHA-256 of the archive,"
                + " of the converted CSV, or both", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DatasetDownload(zip.toUri(), null, null,
                PhishingArchive.ENTRY, work.resolve("x.csv"), schema, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> download(zip.toUri()).withExpectedCsvSha256(null).withExpectedSha256(null));
    }

    @Test
    void wrongChecksumFailsAndLeavesTheOldFileAlone() throws IOException {
        Path csv = Files.createDirectories(work.resolve("network_data")).resolve("phishing.csv");
        Files.writeString(csv, "old content\n");
        URI url = serve(200, zipBytes);
        String wrong = "ab".repeat(32);
        DataException e = assertThrows(DataException.class, () -> download(url).withExpectedSha256(wrong).run(progress::add));
        assertEquals(url + ": SHA-256 mismatch: expected " + wrong + ", got " + zipSha256 + " (" + zipBytes.length
                + " bytes); nothing was written. The download is corrupt or the file changed upstream.", e.getMessage());
        assertEquals("old content\n", Files.readString(csv));
        assertEquals(List.of("phishing.csv"), filesInOutputFolder());
    }

    @Test
    void wrongChecksumLeavesNoFile() throws IOException {
        DataException e = assertThrows(DataException.class,
                () -> download(zip.toUri()).withExpectedSha256("AB".repeat(32)).run(progress::add));
        assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
        assertEquals(List.of(), filesInOutputFolder());
    }

    @Test
    void wrongZipChecksumFailsEvenWhenTheCsvWouldMatch() throws IOException {
        DataException e = assertThrows(DataException.class,
                () -> defaults(zip.toUri()).withExpectedSha256("ab".repeat(32)).run(progress::add));
        assertTrue(e.getMessage().contains("SHA-256 mismatch: expected " + "ab".repeat(32) + ", got " + zipSha256),
                e.getMessage());
        assertTrue(progress.stream().noneMatch(line -> line.startsWith("converting")), progress.toString());
        assertEquals(List.of(), filesInOutputFolder());
    }

    @Test
    void builtInChecksumIsThatOfThePublishedCsv() {
        DatasetDownload defaults = DatasetDownload.phishing(work.resolve("network_data/phishing.csv"), schema);
        assertNull(defaults.expectedSha256(), "the zip's checksum is not known, so it is not checked by default");
        assertEquals(PhishingArchive.CSV_SHA256, defaults.expectedCsvSha256());
        assertEquals(PhishingArchive.CSV_SHA256, DatasetDownload.PHISHING_CSV_SHA256);
    }

    @Test
    void csvChecksumMismatchFailsAndLeavesTheOldFileAlone() throws IOException {
        Path changed = archiveWithOneRowChanged();
        String changedZipSha256 = Sha256.of(changed);
        Path csv = Files.createDirectories(work.resolve("network_data")).resolve("phishing.csv");
        Files.writeString(csv, "old content\n");
        URI url = serve(200, Files.readAllBytes(changed));
        DataException e = assertThrows(DataException.class, () -> defaults(url).run(progress::add));
        assertTrue(e.getMessage().startsWith(url + ": SHA-256 mismatch of the CSV converted from 'Training Dataset.arff':"
                + " expected " + PhishingArchive.CSV_SHA256 + ", got "), e.getMessage());
        assertTrue(e.getMessage().contains(" (11055 rows; archive SHA-256 " + changedZipSha256 + "); nothing was written."),
                e.getMessage());
        assertEquals("old content\n", Files.readString(csv));
        assertEquals(List.of("phishing.csv"), filesInOutputFolder());
    }

    @Test
    void csvChecksumMismatchLeavesNoFileEvenWhenTheZipMatches() throws IOException {
        Path changed = archiveWithOneRowChanged();
        DataException e = assertThrows(DataException.class,
                () -> defaults(changed.toUri()).withExpectedSha256(Sha256.of(changed)).run(progress::add));
        assertTrue(e.getMessage().contains("SHA-256 mismatch of the CSV"), e.getMessage());
        assertTrue(progress.contains("converting Training Dataset.arff to CSV"), progress.toString());
        assertEquals(List.of(), filesInOutputFolder());
    }

    @Test
    void csvCheckCanBeLeftOutWhenTheZipIsChecked() throws IOException {
        Path changed = archiveWithOneRowChanged();
        FetchedDataset fetched = defaults(changed.toUri()).withExpectedSha256(Sha256.of(changed))
                .withExpectedCsvSha256(null).run(progress::add);
        assertEquals(11_055, fetched.rows());
        assertEquals(Sha256.of(work.resolve("network_data/phishing.csv")), fetched.sha256());
        assertTrue(!fetched.sha256().equals(PhishingArchive.CSV_SHA256));
        assertEquals(List.of("phishing.csv"), filesInOutputFolder());
    }

    @Test
    void notFoundFailsClearly() throws IOException {
        URI url = serve(404, "no such file".getBytes());
        DownloadException e = assertThrows(DownloadException.class, () -> download(url).run(progress::add));
        assertEquals(url + ": the server answered HTTP 404 (not found)", e.getMessage());
        assertEquals(List.of(), filesInOutputFolder());
    }

    @Test
    void connectionClosedEarlyFailsClearly() throws IOException {
        URI url = serve(exchange -> {
            exchange.sendResponseHeaders(200, zipBytes.length);
            OutputStream out = exchange.getResponseBody();
            out.write(zipBytes, 0, zipBytes.length / 2);
            out.flush();
            exchange.close(); // fewer bytes than announced: the server drops the connection
        });
        DownloadException e = assertThrows(DownloadException.class, () -> download(url).run(progress::add));
        assertTrue(e.getMessage().startsWith(url + ": the connection broke after "), e.getMessage());
        assertTrue(e.getMessage().contains(" of " + zipBytes.length + " bytes"), e.getMessage());
        assertEquals(List.of(), filesInOutputFolder());
    }

    @Test
    void stalledDownloadTimesOut() throws IOException {
        URI url = serve(exchange -> {
            exchange.sendResponseHeaders(200, zipBytes.length);
            OutputStream out = exchange.getResponseBody();
            out.write(zipBytes, 0, 1000);
            out.flush();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        long start = System.nanoTime();
        DownloadException e = assertThrows(DownloadException.class, () -> download(url)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(400)).run(progress::add));
        assertTrue(e.getMessage().startsWith(url + ": no data for 400 ms after 1000 bytes"), e.getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "gave up in time");
        assertTrue(!Thread.currentThread().isInterrupted(), "the guard's interrupt does not leak");
        assertEquals(List.of(), filesInOutputFolder());
    }

    @Test
    void unreachablePortFailsClearly() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/x.zip");
        DownloadException e = assertThrows(DownloadException.class, () -> download(url).run(progress::add));
        assertTrue(e.getMessage().startsWith(url + ": cannot connect"), e.getMessage());
        assertEquals(List.of(), filesInOutputFolder());
    }

    @Test
    void aPasswordOrTokenInTheUrlIsMaskedInEveryMessage() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://user:hunter2x@127.0.0.1:" + port + "/x.zip?token=tok3nx");
        DownloadException e = assertThrows(DownloadException.class, () -> download(url).run(progress::add));
        assertTrue(e.getMessage().startsWith("http://user:****@127.0.0.1:" + port + "/x.zip?token=****: cannot connect"),
                e.getMessage());
        assertEquals("downloading http://user:****@127.0.0.1:" + port + "/x.zip?token=****", progress.get(0));
        for (String text : List.of("http://user:p@hunter2x@127.0.0.1:1/x.zip", "htp://user:hunter2x@h/x.zip",
                "http://user:pa ss hunter2x@h/x.zip")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> download(DatasetDownload.parseSource(text)), text);
            assertFalse(refused.getMessage().contains("hunter2x") || refused.getMessage().contains("2x"), refused.getMessage());
            assertTrue(refused.getMessage().contains("user:****@"), refused.getMessage());
        }
    }

    @Test
    void downloadThatIsNoZipFailsClearly() throws IOException {
        byte[] html = "<html>maintenance</html>".getBytes();
        URI url = serve(200, html);
        DataException e = assertThrows(DataException.class,
                () -> download(url).withExpectedSha256(Sha256.of(html)).run(progress::add));
        assertTrue(e.getMessage().startsWith(url + ": the download is not a readable zip archive"), e.getMessage());
        assertEquals(List.of(), filesInOutputFolder());
    }

    @Test
    void archiveWithoutTheEntryListsWhatItHolds() throws IOException {
        Path other = PhishingArchive.writeZip(work.resolve("other.zip"), "readme.txt", "hello");
        DataException e = assertThrows(DataException.class,
                () -> download(other.toUri()).withExpectedSha256(Sha256.of(other)).run(progress::add));
        assertEquals(other.toUri() + ": the archive holds no 'Training Dataset.arff' (it holds [readme.txt])", e.getMessage());
        assertEquals(List.of(), filesInOutputFolder());
    }

    @Test
    void malformedArffNamesTheEntryAndRow() throws IOException {
        Path arff = PhishingArchive.writeArff(work.resolve("t.arff"));
        String text = Files.readString(arff) + "7" + ",1".repeat(30) + "\r\n"; // 7 is no declared value
        Path bad = PhishingArchive.writeZip(work.resolve("bad.zip"), "data/Training Dataset.arff", text);
        Files.delete(arff);
        DataException e = assertThrows(DataException.class,
                () -> download(bad.toUri()).withExpectedSha256(Sha256.of(bad)).run(progress::add));
        assertEquals(11_056, e.row());
        assertTrue(e.getMessage().startsWith(bad.toUri() + "!/data/Training Dataset.arff, row 11056: malformed ARFF: "
                + "nominal value not declared in header, read Token[7]"), e.getMessage());
        assertEquals(List.of(), filesInOutputFolder());
    }

    @Test
    void archiveMissingSchemaColumnsFailsBeforeWriting() throws IOException {
        String arff = "@relation x\n@attribute having_IP_Address {-1,1}\n@data\n1\n";
        Path bad = PhishingArchive.writeZip(work.resolve("bad.zip"), PhishingArchive.ENTRY, arff);
        DataException e = assertThrows(DataException.class,
                () -> download(bad.toUri()).withExpectedSha256(Sha256.of(bad)).run(progress::add));
        assertTrue(e.getMessage().startsWith(bad.toUri() + "!/Training Dataset.arff, header, column 'URL_Length': "
                + "missing columns [URL_Length, "), e.getMessage());
        assertEquals(List.of(), filesInOutputFolder());
    }
}
