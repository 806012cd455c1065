package io.netsec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged server at the README's heap ({@code java @jvm.options -Xmx128m -jar quarkus-run.jar},
 * the default limits): a JSON body of many small records is refused with a 413 once it holds more
 * than {@code netsec.limits.records}, counted while it is read, instead of being built whole in
 * memory first (on {@code /invocations} a 2.3 MB {@code dataframe_split} of 600,000 one-cell rows,
 * on {@code /api/v1/predict} 14 MB of one-field records, ended in OutOfMemoryError and a 500); a
 * body of 100,000 full rows within the limit is scored; an upload of phishing rows up to the
 * 50 MB limit is scored, paged and downloaded.
 */
class SmallHeapIT {

    private static Process server;
    private static Path log;
    private static URI base;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createTempDirectory(TestModel.TARGET, "small-heap-");
        Path model = work.resolve("model");
        TestModel.bundle().writeTo(model);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path api = TestModel.repo().resolve("netsec-api");
        log = work.resolve("server.log");
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + api.resolve("src/main/jvm/jvm.options"), "-Xmx128m",
                "-Dnetsec.model-dir=" + model, "-Dnetsec.training.runs-dir=" + work.resolve("runs"),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-jar", api.resolve("target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        base = URI.create("http://127.0.0.1:" + port);
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            assertTrue(server.isAlive(), "the server stopped: " + Files.readString(log));
            try {
                if (HTTP.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertTrue(Instant.now().isBefore(deadline), "not ready after 120 s: " + Files.readString(log));
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    static HttpResponse<String> postJson(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void manySmallRecordsAreA413AtTheReadmesHeap() throws Exception {
        // The MLflow protocol built a tree of the whole body first.
        String rows = String.join(",", Collections.nCopies(600_000, "[1]"));
        List<String> bodies = List.of(
                "{\"dataframe_split\": {\"columns\": [\"" + HostileInputTest.FIRST + "\"], \"data\": [" + rows + "]}}",
                "{\"inputs\": {\"" + HostileInputTest.FIRST + "\": [" + String.join(",", Collections.nCopies(600_000, "1")) + "]}}",
                "{\"dataframe_records\": [" + String.join(",", Collections.nCopies(600_000, "{\"" + HostileInputTest.FIRST
                        + "\": 1}")) + "]}");
        for (String body : bodies) {
            HttpResponse<String> answer = postJson("/invocations", body);
            String what = body.substring(0, 40) + " (" + body.length() / 1_000_000.0 + " MB)";
            assertEquals(413, answer.statusCode(), what + ": " + answer.body());
            assertTrue(answer.body().contains("netsec.limits.records"), what + ": " + answer.body());
        }
        // The JSON API's records bound to maps before the count (14 MB of one-field records); rows already passed.
        String records = "{\"records\": [" + String.join(",", Collections.nCopies(600_000, "{\"" + HostileInputTest.FIRST
                + "\": 1}")) + "]}";
        for (String path : List.of("/api/v1/predict", "/api/v1/predict?explain=true")) {
            HttpResponse<String> answer = postJson(path, records);
            assertEquals(413, answer.statusCode(), path + ": " + answer.body());
            assertTrue(answer.body().contains("netsec.limits.records"), path + ": " + answer.body());
        }
        assertTrue(server.isAlive());
        assertFalse(Files.readString(log).contains("OutOfMemoryError"), Files.readString(log));
        // and it still scores
        HttpResponse<String> good = postJson("/invocations", "{\"instances\": [" + HostileInputTest.record("1") + "]}");
        assertEquals(200, good.statusCode(), good.body());
    }

    @Test
    void aFullDataFrameWithinTheLimitIsScoredAtTheReadmesHeap() throws Exception {
        List<String> lines = Files.readAllLines(TestModel.phishingCsv());
        String[] names = lines.get(0).split(",");
        int features = names.length - 1; // the label is last
        StringBuilder body = new StringBuilder("{\"dataframe_split\": {\"columns\": [");
        for (int i = 0; i < features; i++) {
            body.append(i == 0 ? "" : ",").append('"').append(names[i]).append('"');
        }
        body.append("], \"data\": [");
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < 100_000; r++) {
            String[] cells = lines.get(1 + r % (lines.size() - 1)).split(",");
            rows.add("[" + String.join(",", java.util.Arrays.copyOf(cells, features)) + "]");
        }
        body.append(String.join(",", rows)).append("]}}");
        HttpResponse<String> answer = postJson("/invocations", body.toString());
        assertEquals(200, answer.statusCode(), answer.body().substring(0, Math.min(500, answer.body().length())));
        assertEquals(100_000, answer.body().split("\"label\"").length - 1);
        assertFalse(Files.readString(log).contains("OutOfMemoryError"));
    }

    @Test
    void anUploadAtTheLimitIsScoredPagedAndDownloadedAtTheReadmesHeap() throws Exception {
        List<String> lines = Files.readAllLines(TestModel.phishingCsv());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + lines.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
        long room = 50L * 1024 * 1024 - lines.get(0).length() - 1; // netsec.upload-limit
        int rows = 0;
        while (true) {
            byte[] row = (lines.get(1 + rows % (lines.size() - 1)) + "\n").getBytes(StandardCharsets.UTF_8);
            if (row.length > room) {
                break;
            }
            body.writeBytes(row);
            room -= row.length;
            rows++;
        }
        body.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(base.resolve("/predict")).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, upload.statusCode(), upload.body());
        URI result = base.resolve(upload.headers().firstValue("Location").orElseThrow());
        String first = HTTP.send(HttpRequest.newBuilder(result).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(first.contains("<dd id=\"rows\">" + rows + "</dd>"), first);
        String last = HTTP.send(HttpRequest.newBuilder(URI.create(result + "?page=1000000")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(last.contains(" to " + rows + ", page"), last);
        HttpResponse<java.io.InputStream> download = HTTP.send(HttpRequest.newBuilder(URI.create(result + "/download"))
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, download.statusCode());
        long lineEnds = 0;
        try (java.io.InputStream in = download.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    lineEnds += buffer[i] == '\n' ? 1 : 0;
                }
            }
        }
        assertEquals(rows + 1, lineEnds, "the header and every row");
        assertFalse(Files.readString(log).contains("OutOfMemoryError"));
    }
}
