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
class SecurityTest {

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
                given().get("/api/v1/jobs/x")); // 401 problem
        int checked = 0;
        for (Response answer : answers) {
            String what = answer.statusCode() + " " + answer.contentType();
            String policy = answer.header("Content-Security-Policy");
            assertTrue(policy != null && policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'"),
                    what + ": " + policy);
            assertEquals("nosniff", answer.header("X-Content-Type-Options"), what);
            assertEquals("DENY", answer.header("X-Frame-Options"), what);
            assertEquals("no-referrer", answer.header("Referrer-Policy"), what);
            checked++;
        }
        assertEquals(10, checked);
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
