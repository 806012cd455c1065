package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * What the API opens and shows: no cross-origin access by default, security headers on every page
 * and API answer, every shown value escaped, formula cells neutralised in the download, and the
 * API key never echoed in an answer or written to the log. (Training needs the key:
 * TrainingApiTest; without a configured key it does not exist: TrainingDisabledTest; MongoDB
 * passwords are masked: MongoConnectionTest.)
 */
@QuarkusTest
class SecurityTest extends KnownModelTest {

    static final String FOREIGN = "https://evil.example";

    static String upload(String name, String csv) {
        return given().multiPart("file", name, csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .redirects().follow(false).post("/predict")
                .then().statusCode(303).extract().header("Location").replaceFirst("^https?://[^/]+", "");
    }

    static String sample(String extraHeader, String... extraCells) throws IOException {
        List<String> lines = Files.readAllLines(TestModel.sample(extraCells.length));
        StringBuilder csv = new StringBuilder(lines.get(0)).append(',').append(extraHeader).append('\n');
        for (int i = 0; i < extraCells.length; i++) {
            csv.append(lines.get(i + 1)).append(',').append(extraCells[i]).append('\n');
        }
        return csv.toString();
    }

    @Test
    void corsIsClosedByDefault() {
        for (String path : List.of("/", "/api/v1/model", "/api/v1/predict", "/predict")) {
            Response preflight = given().header("Origin", FOREIGN).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type, x-api-key").options(path);
            assertNull(preflight.header("Access-Control-Allow-Origin"), "preflight " + path);
            assertNull(preflight.header("Access-Control-Allow-Credentials"), "preflight " + path);
            Response get = given().header("Origin", FOREIGN).get(path);
            assertNull(get.header("Access-Control-Allow-Origin"), "GET " + path);
        }
        Response post = given().header("Origin", FOREIGN).contentType("application/json").body("{\"records\":[{}]}")
                .post("/api/v1/predict");
        assertNull(post.header("Access-Control-Allow-Origin"));
    }

    @Test
    void everyPageAndAnswerHasTheSecurityHeaders() throws IOException {
        String result = upload("a.csv", sample("note", "x"));
        String id = result.substring(result.lastIndexOf('/') + 1);
        List<Response> answers = List.of(
                given().get("/"),
                given().get("/model"),
                given().get(result),
                given().get("/predict/" + id + "/download"),
                given().accept("text/html").get("/predict/0123456789abcdef"), // 404 page
                given().accept("text/html").multiPart("file", "e.csv", new byte[0], "text/csv").post("/predict"), // 422 page
                given().get("/api/v1/model"),
                given().contentType("application/json").body("{\"records\": 1}").post("/api/v1/predict"), // 400 problem
                given().contentType("text/csv").body("a\n1\n").post("/api/v1/predict/csv"), // 422 problem
                given().get("/api/v1/jobs/x"), // 401 problem
                // Quarkus' own endpoints and the 413s lacked them (Swagger UI could be framed).
                given().get("/q/swagger-ui/"),
                given().get("/q/swagger-ui/swagger-ui-bundle.js"),
                given().get("/q/openapi"),
                given().get("/q/metrics"),
                given().get("/q/health/ready"),
                given().get("/q/nothing-here"),
                given().get("/netsec.css"),
                given().redirects().follow(false).get("/docs"),
                given().contentType("text/csv").body(new byte[4 * 1024 * 1024]).post("/api/v1/predict/csv"), // 413 problem
                given().contentType("multipart/form-data; boundary=b").body(manyParts(1001, "b")).post("/predict")); // 413
        int checked = 0;
        for (Response answer : answers) {
            assertSecurityHeaders(answer.statusCode() + " " + answer.contentType(), answer::header);
            checked++;
        }
        assertEquals(20, checked);
    }

    static void assertSecurityHeaders(String what, java.util.function.Function<String, String> header) {
        String policy = header.apply("Content-Security-Policy");
        assertTrue(policy != null && policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'"),
                what + ": " + policy);
        assertFalse(policy.contains("unsafe") || policy.contains("*") || policy.contains("http"), what + ": " + policy);
        assertEquals("nosniff", header.apply("X-Content-Type-Options"), what);
        assertEquals("DENY", header.apply("X-Frame-Options"), what);
        assertEquals("no-referrer", header.apply("Referrer-Policy"), what);
    }

    static byte[] manyParts(int parts, String boundary) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nx\r\n");
        }
        return body.append("--").append(boundary).append("--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The transport refuses a declared length over quarkus.http.limits.max-body-size itself, before any route: still with the headers. */
    @Test
    void theTransportsOwn413HasTheSecurityHeaders() throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/predict/csv HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: 70000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String status = in.readLine();
            assertTrue(status.startsWith("HTTP/1.1 413"), status);
            java.util.Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                headers.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).trim());
            }
            assertSecurityHeaders(status, headers::get);
        }
    }

    /** Swagger UI runs its own scripts and styles from this server, nothing inline and nothing from elsewhere. */
    @Test
    void swaggerUiGetsAPolicyForItsOwnScriptsOnly() {
        for (String path : List.of("/q/swagger-ui/", "/q/swagger-ui/index.html")) {
            Response page = given().get(path);
            assertEquals(200, page.statusCode(), path);
            assertEquals("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                    + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'", page.header("Content-Security-Policy"));
            String html = page.asString();
            assertFalse(html.matches("(?s).*<script>.*") || html.contains("<style") || html.contains("style="),
                    "no inline script or style: " + html);
            assertTrue(html.contains("src=\"swagger-ui-bundle.js\"") && html.contains("src=\"/swagger-ui-init.js\""), html);
        }
        given().get("/swagger-ui-init.js").then().statusCode(200).body(org.hamcrest.Matchers.containsString("url: '/q/openapi'"));
        // The pages of the application keep the strict policy (no scripts at all).
        assertFalse(given().get("/").header("Content-Security-Policy").contains("script-src"));
    }

    /** Scored data is not kept by browsers or proxies; the CSV says it is UTF-8. */
    @Test
    void scoredDataIsNotCachedAndTheCsvNamesItsCharset() throws IOException {
        String result = upload("c.csv", sample("note", "x"));
        Response download = given().get(result + "/download");
        assertEquals("text/csv; charset=utf-8", download.contentType().toLowerCase(java.util.Locale.ROOT).replace(";charset", "; charset"));
        Response csv = given().contentType("text/csv").body(sample("note", "x")).post("/api/v1/predict/csv");
        assertEquals(200, csv.statusCode(), csv.asString());
        assertTrue(csv.contentType().toLowerCase(java.util.Locale.ROOT).contains("charset=utf-8"), csv.contentType());
        for (Response answer : List.of(download, csv, given().get(result),
                given().contentType("application/json").body("{\"records\": [" + HostileInputTest.record("1") + "]}").post("/api/v1/predict"),
                given().contentType("application/json").body("{\"instances\": [" + HostileInputTest.record("1") + "]}").post("/invocations"),
                given().contentType("application/json").body("{\"records\": 1}").post("/api/v1/predict"))) {
            assertEquals("no-store", answer.header("Cache-Control"), answer.statusCode() + " " + answer.contentType());
        }
    }

    @Test
    void shownValuesAreEscaped() throws IOException {
        String script = "<script>alert(1)</script>";
        String attribute = "\"\"\"><img src=x onerror=alert(2)>\""; // CSV quoting of "><img ...>
        String page = given().get(upload("<svg onload=alert(3)>.csv", sample("<b>note</b>", script, attribute)))
                .then().statusCode(200).extract().asString();
        assertFalse(page.contains("<script>alert"), "a cell must never become markup");
        assertFalse(page.contains("<img src=x"), "nor an attribute");
        assertFalse(page.contains("<svg"), "nor the file name");
        assertFalse(page.contains("<b>note"), "nor a column name");
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text");
        // An error page shows the bad value it names, escaped as well.
        String error = given().accept("text/html")
                .multiPart("file", "bad.csv", ("<script>x</script>,b\n1,2\n").getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/predict").then().statusCode(422).extract().asString();
        assertFalse(error.contains("<script>x"), error);
    }

    @Test
    void formulaCellsAreNeutralisedInTheDownloadAndNumbersAreNot() throws IOException {
        List<String> formulas = List.of("=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\"\t=1\"", "=HYPERLINK(\"http://x\")");
        String result = upload("f.csv", sample("=note", formulas.toArray(String[]::new)));
        String download = given().get(result + "/download").then().statusCode(200)
                .extract().asString();
        List<String> lines = download.lines().toList();
        assertTrue(lines.get(0).contains(",'=note,"), "a header cell too: " + lines.get(0));
        for (String expected : List.of("'=1+1", "'+cmd", "'-2+3", "'@SUM", "'\t=1", "'=HYPERLINK")) {
            assertTrue(download.contains(expected), expected + " in " + download);
        }
        assertTrue(lines.get(1).startsWith("-1,") || lines.get(1).startsWith("1,"), "a number stays a number: " + lines.get(1));
        assertFalse(download.contains("'-1"), "-1 is data, not a formula");
    }

    @Test
    void theApiKeyIsNeverEchoedNorLogged() {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (logged) {
                    logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters())
                            + (record.getThrown() == null ? "" : " " + record.getThrown()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        String guessed = "guessed-key-" + TestModel.API_KEY.substring(5);
        try {
            List<String> bodies = new ArrayList<>();
            bodies.add(given().header("X-API-Key", guessed).contentType("application/json").body("{}").post("/api/v1/train")
                    .then().statusCode(401).extract().asString());
            bodies.add(given().header("X-API-Key", guessed).get("/api/v1/jobs/x").then().statusCode(401).extract().asString());
            bodies.add(given().header("X-API-Key", TestModel.API_KEY).contentType("application/json")
                    .body("{\"models\": [\"deep_net\"]}").post("/api/v1/train").then().statusCode(400).extract().asString());
            bodies.add(given().header("X-API-Key", TestModel.API_KEY).get("/api/v1/jobs/nothing-here").asString());
            bodies.add(given().get("/api/v1/model").asString());
            bodies.add(given().get("/q/openapi").asString());
            for (String body : bodies) {
                assertFalse(body.contains(TestModel.API_KEY), "the key in an answer: " + body);
                assertFalse(body.contains(guessed), "a guessed key in an answer: " + body);
            }
        } finally {
            root.removeHandler(capture);
        }
        synchronized (logged) {
            for (String line : logged) {
                assertFalse(line.contains(TestModel.API_KEY) || line.contains(guessed), "the key in the log: " + line);
            }
        }
    }
}
