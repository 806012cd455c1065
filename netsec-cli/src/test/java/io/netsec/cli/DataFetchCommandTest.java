package io.netsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.netsec.core.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataFetchCommandTest {

    private static final String CSV_SHA256 = "d2e9db415c1a42e96b13d0bc449411c964872991afcbdaa6f47acbb60372992b";

    @TempDir
    static Path shared;

    private static Path zip;
    private static String zipSha256;

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer server;

    /** A zip like UCI's: "Training Dataset.arff" with nominal attributes and 'port' for 'port_no'. */
    @BeforeAll
    static void buildArchive() throws IOException {
        Path csv = Path.of(System.getProperty("netsec.data.dir", "../../shared/data")).resolve("phisingData.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        StringBuilder arff = new StringBuilder("@relation phishing\n");
        for (String name : lines.get(0).split(",")) {
            arff.append("@attribute ").append(name.equals("port_no") ? "port" : name).append(" { -1,0,1 }\n");
        }
        arff.append("@data\n");
        lines.subList(1, lines.size()).forEach(line -> arff.append(line).append('\n'));
        zip = shared.resolve("phishing+websites.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream zipped = new ZipOutputStream(file)) {
            zipped.putNextEntry(new ZipEntry("Training Dataset.arff"));
            zipped.write(arff.toString().getBytes(StandardCharsets.UTF_8));
            zipped.closeEntry();
        }
        zipSha256 = Sha256.of(zip);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Serves the archive over loopback HTTP and returns its URL. */
    private String serveArchive() throws IOException {
        byte[] body = Files.readAllBytes(zip);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/327/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/327/phishing+websites.zip";
    }

    private String resultLine(String csvSha256) {
        return work.resolve("network_data/phishing.csv") + ": 11055 rows, SHA-256 " + csvSha256
                + ", archive SHA-256 " + zipSha256 + System.lineSeparator();
    }

    private int run(String... args) {
        return runTo(work.resolve("network_data/phishing.csv").toString(), args);
    }

    private int runTo(String output, String... args) {
        CommandLine commandLine = NetsecCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String schema = Path.of(System.getProperty("netsec.repo.dir", "..")).resolve("data_schema/phishing.yaml").toString();
        String[] all = Stream.concat(Stream.of("data", "fetch", "--schema", schema, "--output", output), Stream.of(args))
                .toArray(String[]::new);
        return commandLine.execute(all);
    }

    @Test
    void theLocalZipAFolderAndALinkAreRefusedAsOutput() throws IOException {
        Path copy = Files.copy(zip, work.resolve("phishing.zip"));
        assertEquals(ExitCodes.IO, runTo(copy.toString(), "--url", copy.toString(), "--sha256", zipSha256));
        assertTrue(err.toString().startsWith("netsec fetch: " + copy + ": is the input"), err.toString());
        assertEquals(zipSha256, Sha256.of(copy), "the zip is whole");
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.IO, runTo(work.toString(), "--url", copy.toString(), "--sha256", zipSha256));
        assertEquals("netsec fetch: " + work + ": is a folder; name a file, inside it or elsewhere", err.toString().strip());
        err.getBuffer().setLength(0);
        Path link = Files.createSymbolicLink(work.resolve("link.csv"), copy);
        assertEquals(ExitCodes.IO, runTo(link.toString(), "--url", zip.toString(), "--sha256", zipSha256));
        assertTrue(err.toString().contains(link + ": is a symbolic link"), err.toString());
        assertEquals(zipSha256, Sha256.of(copy));
        try (Stream<Path> files = Files.list(work)) {
            assertEquals(List.of(link, copy), files.sorted().toList(), "no part file left");
        }
    }

    @Test
    void aDashGetsTheVerifiedCsvOnStandardOutput() throws IOException {
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        int code;
        System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code = runTo("-", "--quiet", "--url", zip.toString(), "--sha256", zipSha256);
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, code, err.toString());
        assertEquals(CSV_SHA256, Sha256.of(captured.toByteArray()), "the verified CSV, byte for byte");
        assertEquals("", out.toString(), "standard output holds the CSV only");
        assertTrue(err.toString().startsWith("-: 11055 rows, SHA-256 " + CSV_SHA256), err.toString());
        assertFalse(Files.exists(Path.of("-")));
    }

    private List<String> outputFolder() throws IOException {
        Path folder = work.resolve("network_data");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void fetchesFromAFileUrlWithProgressOnStderr() throws IOException {
        int code = run("--url", zip.toUri().toString(), "--sha256", zipSha256.toUpperCase());
        assertEquals(0, code, err.toString());
        Path csv = work.resolve("network_data/phishing.csv");
        assertEquals(resultLine(CSV_SHA256), out.toString());
        assertTrue(Files.readAllLines(csv).get(0).contains(",port_no,"));
        assertEquals(11_056, Files.readAllLines(csv).size());
        assertTrue(err.toString().startsWith("downloading " + zip.toUri()), err.toString());
        assertTrue(err.toString().contains("wrote 11055 rows to " + csv), err.toString());
        assertEquals(List.of("phishing.csv"), outputFolder());
    }

    @Test
    void defaultFetchOverHttpNeedsNoZipChecksumAndPrintsIt() throws IOException {
        String url = serveArchive();
        int code = run("--url", url);
        assertEquals(0, code, err.toString());
        assertEquals(resultLine(CSV_SHA256), out.toString());
        assertTrue(err.toString().contains("SHA-256 " + zipSha256 + " (no expected checksum for the archive"), err.toString());
        assertTrue(err.toString().contains("converted 11055 rows, SHA-256 " + CSV_SHA256 + " as expected"), err.toString());
        assertEquals(11_056, Files.readAllLines(work.resolve("network_data/phishing.csv")).size());
        assertEquals(List.of("phishing.csv"), outputFolder());
    }

    @Test
    void csvChecksumMismatchExitsWith2AndWritesNothing() throws IOException {
        String wrong = "cd".repeat(32);
        int code = run("--url", zip.toString(), "--csv-sha256", wrong);
        assertEquals(ExitCodes.INVALID_DATA, code);
        assertTrue(err.toString().contains(zip.toUri() + ": SHA-256 mismatch of the CSV converted from 'Training Dataset.arff':"
                + " expected " + wrong + ", got " + CSV_SHA256), err.toString());
        assertEquals("", out.toString());
        assertEquals(List.of(), outputFolder());
    }

    @Test
    void csvChecksumCanBeTurnedOffWhenTheZipIsChecked() throws IOException {
        assertEquals(0, run("--quiet", "--url", zip.toString(), "--sha256", zipSha256, "--csv-sha256", "NONE"), err.toString());
        assertEquals(resultLine(CSV_SHA256), out.toString());
    }

    @Test
    void neitherChecksumIsAUsageError() throws IOException {
        assertEquals(ExitCodes.USAGE, run("--url", zip.toString(), "--csv-sha256", "none"));
        assertTrue(err.toString().contains("refusing an unverified download: --csv-sha256 none needs --sha256 HEX"),
                err.toString());
        assertEquals(List.of(), outputFolder());
    }

    @Test
    void quietFetchFromALocalPathPrintsOnlyTheResult() {
        assertEquals(0, run("--quiet", "--url", zip.toString(), "--sha256", zipSha256), err.toString());
        assertEquals("", err.toString());
        assertTrue(out.toString().contains(": 11055 rows"), out.toString());
    }

    @Test
    void wrongChecksumExitsWith2AndWritesNothing() throws IOException {
        int code = run("--url", zip.toString(), "--sha256", "ab".repeat(32));
        assertEquals(ExitCodes.INVALID_DATA, code);
        assertTrue(err.toString().contains("SHA-256 mismatch: expected " + "ab".repeat(32) + ", got " + zipSha256),
                err.toString());
        assertEquals("", out.toString());
        assertEquals(List.of(), outputFolder());
    }

    @Test
    void unreachableServiceExitsWith4InOneLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/327/phishing+websites.zip";
        int code = run("--url", url, "--sha256", zipSha256, "--connect-timeout", "2");
        assertEquals(ExitCodes.UNREACHABLE, code);
        List<String> lines = err.toString().lines().toList();
        assertEquals("downloading " + url, lines.get(0));
        assertTrue(lines.get(1).startsWith("netsec fetch: " + url + ": cannot connect"), lines.get(1));
        assertEquals(2, lines.size(), err.toString());
        assertEquals(List.of(), outputFolder());
    }

    @Test
    void malformedChecksumIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("--url", zip.toString(), "--sha256", "xyz"));
        assertTrue(err.toString().contains("the expected SHA-256 must be 64 hex digits"), err.toString());
    }

    @Test
    void malformedCsvChecksumIsAUsageError() {
        assertEquals(ExitCodes.USAGE, run("--url", zip.toString(), "--csv-sha256", "xyz"));
        assertTrue(err.toString().contains("the expected SHA-256 of the CSV must be 64 hex digits"), err.toString());
    }

    @Test
    void dataCommandListsFetch() {
        CommandLine commandLine = NetsecCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        assertEquals(0, commandLine.execute("data"));
        assertTrue(out.toString().contains("fetch"), out.toString());
        assertFalse(out.toString().isBlank());
    }
}
