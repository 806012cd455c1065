package io.netsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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

    private int run(String... args) {
        CommandLine commandLine = NetsecCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String schema = Path.of(System.getProperty("netsec.repo.dir", "..")).resolve("data_schema/phishing.yaml").toString();
        String[] all = Stream.concat(Stream.of("data", "fetch", "--schema", schema,
                "--output", work.resolve("network_data/phishing.csv").toString()), Stream.of(args)).toArray(String[]::new);
        return commandLine.execute(all);
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
        assertEquals(csv + ": 11055 rows, SHA-256 " + CSV_SHA256 + System.lineSeparator(), out.toString());
        assertTrue(Files.readAllLines(csv).get(0).contains(",port_no,"));
        assertEquals(11_056, Files.readAllLines(csv).size());
        assertTrue(err.toString().startsWith("downloading " + zip.toUri()), err.toString());
        assertTrue(err.toString().contains("wrote 11055 rows to " + csv), err.toString());
        assertEquals(List.of("phishing.csv"), outputFolder());
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
    void dataCommandListsFetch() {
        CommandLine commandLine = NetsecCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        assertEquals(0, commandLine.execute("data"));
        assertTrue(out.toString().contains("fetch"), out.toString());
        assertFalse(out.toString().isBlank());
    }
}
