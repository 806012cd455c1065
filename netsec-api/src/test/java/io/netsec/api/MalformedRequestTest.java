package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests broken below the data: the framing of a multipart body, the Content-Type header, JSON
 * after the document, query values, a null in the training options. Each was a 500 (or was taken
 * as something else) and is now a 4xx problem naming what is wrong; the server answers good
 * requests right after it ({@link HostileInputTest#stillServes()}). Requests go out byte for byte
 * through the JDK's HTTP client, which sends a header as given.
 */
@QuarkusTest
class MalformedRequestTest extends KnownModelTest {

    static final String BOUNDARY = "XyZ0123";
    static final String PART = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n";
    static final String CSV = HostileInputTest.file(HostileInputTest.HEADER, HostileInputTest.ROW);

    @TestHTTPResource("/")
    URL root;

    private final HttpClient http = HttpClient.newHttpClient();

    /** One raw request's answer. */
    record Answer(int status, String contentType, String body) {
    }

    Answer post(String path, String contentType, byte[] body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root.toString()).resolve(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    static void assertProblem(Answer answer, int status, String detail, String what) {
        assertEquals(status, answer.status(), what + ": " + answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), what + ": " + answer.contentType());
        assertTrue(answer.body().contains(detail), what + ": " + answer.body());
    }

    static Stream<Object[]> brokenForms() {
        StringBuilder manyParts = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            manyParts.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"f").append(i)
                    .append("\"\r\n\r\nx\r\n");
        }
        manyParts.append("--").append(BOUNDARY).append("--\r\n");
        String whole = PART + CSV + "\r\n--" + BOUNDARY + "--\r\n";
        String bigField = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n" + "x".repeat(5000)
                + "\r\n" + whole;
        String ended = "ends before its closing delimiter";
        String unreadable = "a part of the multipart/form-data body cannot be read";
        String fileHeader = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; ";
        return Stream.of(
                new Object[] {"cut off mid-part", PART + CSV.substring(0, CSV.length() / 2), 400, ended},
                new Object[] {"without the closing delimiter", PART + CSV + "\r\n", 400, ended},
                new Object[] {"part headers cut off", "--" + BOUNDARY + "\r\nContent-Disposition: form-da", 400, ended},
                new Object[] {"parts under another boundary", whole.replace(BOUNDARY, "Other"), 400, ended},
                new Object[] {"empty body", "", 400, ended},
                new Object[] {"1,001 parts", manyParts.toString(), 413, "quarkus.http.limits.max-parameters"},
                new Object[] {"a 5,000-byte text field", bigField, 413, "quarkus.http.limits.max-form-attribute-size"},
                // Found by hand after schemathesis: JDK exceptions from inside the parser.
                new Object[] {"a text part in an unknown charset", "--" + BOUNDARY + "\r\nContent-Disposition: form-data;"
                        + " name=\"note\"\r\nContent-Type: text/plain; charset=nope\r\n\r\nx\r\n" + whole, 400, unreadable},
                new Object[] {"a filename* with a bad percent escape", fileHeader + "filename*=UTF-8''%ZZ.csv\r\n\r\n" + CSV
                        + "\r\n--" + BOUNDARY + "--\r\n", 400, unreadable});
    }

    @ParameterizedTest(name = "multipart: {0}")
    @MethodSource("brokenForms")
    void aBrokenMultipartBodyIsA4xxProblem(String name, String body, int status, String detail) throws Exception {
        Answer answer = post("/predict", "multipart/form-data; boundary=" + BOUNDARY, body.getBytes(StandardCharsets.UTF_8));
        assertProblem(answer, status, detail, name);
        HostileInputTest.stillServes();
        // The same form, whole, is scored: the failures above are the body's, not the parser's.
        assertEquals(303, post("/predict", "multipart/form-data; boundary=" + BOUNDARY,
                (PART + CSV + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8)).status());
    }

    @Test
    void aMultipartContentTypeWithAnEmptyBoundaryOrAnUnknownCharsetIsA4xx() throws Exception {
        byte[] whole = (PART + CSV + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        assertProblem(post("/predict", "multipart/form-data; boundary=", whole), 400, "boundary is empty", "empty boundary");
        assertProblem(post("/predict", "multipart/form-data; boundary=" + BOUNDARY + "; charset=nope", whole), 415,
                "charset", "unknown charset");
        for (String path : List.of("/api/v1/predict/csv", "/invocations")) { // read as UTF-8 whatever it said
            assertProblem(post(path, "text/csv; charset=nope", CSV.getBytes(StandardCharsets.UTF_8)), 415, "charset", path);
        }
        assertEquals(200, post("/api/v1/predict/csv", "text/csv; charset=utf-8", CSV.getBytes(StandardCharsets.UTF_8)).status());
        HostileInputTest.stillServes();
    }

    /** Found by a mutation sweep: a 'file' part without a file name made a problem about no file: a 500. */
    @Test
    void aFilePartWithoutAFileNameIsScoredOrNamesTheFault() throws Exception {
        String part = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n";
        String missingFirst = HostileInputTest.HEADER.substring(HostileInputTest.HEADER.indexOf(',') + 1);
        Answer bad = post("/predict", "multipart/form-data; boundary=" + BOUNDARY,
                (part + missingFirst + "\n1\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertProblem(bad, 422, "missing column", "no file name, a column missing");
        assertTrue(bad.body().contains("\"column\":\"" + HostileInputTest.FIRST + "\""), bad.body());
        assertEquals(303, post("/predict", "multipart/form-data; boundary=" + BOUNDARY,
                (part + CSV + "\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8)).status());
        HostileInputTest.stillServes();
    }

    static Stream<Object[]> malformedContentTypes() {
        List<Object[]> cases = new ArrayList<>();
        for (String path : List.of("/invocations", "/api/v1/predict/csv", "/api/v1/predict", "/api/v1/train", "/predict")) {
            for (String type : List.of("", ";", "garbage", "a/b/c", "text/")) {
                cases.add(new Object[] {path, type});
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "POST {0} with Content-Type ''{1}''")
    @MethodSource("malformedContentTypes")
    void aContentTypeThatIsNotAMediaTypeIsA415(String path, String contentType) throws Exception {
        Answer answer = post(path, contentType, CSV.getBytes(StandardCharsets.UTF_8), "X-API-Key", TestModel.API_KEY);
        assertProblem(answer, 415, "not a media type", path + " '" + contentType + "'");
        HostileInputTest.stillServes();
    }

    static Stream<Object[]> jsonWithMoreAfterIt() {
        String records = "{\"records\": [" + HostileInputTest.record("1") + "]}";
        String rows = "{\"columns\": [\"" + HostileInputTest.HEADER.replace(",", "\", \"") + "\"], \"rows\": [["
                + HostileInputTest.ROW + "]]}";
        String mlflow = "{\"dataframe_records\": [" + HostileInputTest.record("1") + "]}";
        String train = "{\"models\": [\"logistic\"], \"folds\": 2}";
        return Stream.of(
                new Object[] {"/api/v1/predict", records, " garbage"},
                new Object[] {"/api/v1/predict", records, records},
                new Object[] {"/api/v1/predict", rows, " []"},
                new Object[] {"/api/v1/predict?explain=true", records, " {}"},
                new Object[] {"/invocations", mlflow, " garbage"},
                new Object[] {"/invocations", mlflow, "\n" + mlflow},
                new Object[] {"/api/v1/train", train, " garbage"},
                new Object[] {"/api/v1/train", train, " " + train});
    }

    @ParameterizedTest(name = "{0}: a document, then ''{2}''")
    @MethodSource("jsonWithMoreAfterIt")
    void jsonFollowedByAnythingButWhiteSpaceIsA400(String path, String document, String after) throws Exception {
        Answer answer = post(path, "application/json", (document + after).getBytes(StandardCharsets.UTF_8),
                "X-API-Key", TestModel.API_KEY);
        assertProblem(answer, 400, "\"type\":\"urn:netsec:problem:malformed-json\"", path);
        if (!path.equals("/api/v1/train")) { // (a training job is not started here)
            assertEquals(200, post(path, "application/json", (document + " \n").getBytes(StandardCharsets.UTF_8)).status(),
                    "the document alone, white space after it");
        }
        HostileInputTest.stillServes();
    }

    @Test
    void aNullModelFamilyIsA400NamingIt() throws Exception {
        Answer answer = post("/api/v1/train", "application/json", "{\"models\": [null]}".getBytes(StandardCharsets.UTF_8),
                "X-API-Key", TestModel.API_KEY);
        assertProblem(answer, 400, "\"field\":\"models[0]\"", "models [null]");
        assertProblem(post("/api/v1/train", "application/json", "{\"models\": [\"j48\", null]}".getBytes(StandardCharsets.UTF_8),
                "X-API-Key", TestModel.API_KEY), 400, "\"field\":\"models[1]\"", "models [j48, null]");
    }

    @Test
    void aPageThatIsNotANumberIsA400AndNumbersStillPage() {
        String result = SecurityTest.upload("p.csv", HostileInputTest.file(HostileInputTest.HEADER, HostileInputTest.ROW));
        for (String page : List.of("abc", "-1", "1.5", "1e3", "%20", "0x10")) {
            given().accept("text/html").get(result + "?page=" + page).then().statusCode(400)
                    .contentType(containsString("text/html")).body(containsString("page"));
        }
        given().get("/predict/0123456789abcdef0123456789abcdef?page=abc").then().statusCode(400); // before the id's 404
        for (String page : List.of("0", "1", "2", "00", "99999999999999999999999", "")) {
            given().get(result + "?page=" + page).then().statusCode(200).body(containsString("<table"));
        }
    }

    @Test
    void explainTakesTrueOrFalseOnly() {
        String body = "{\"records\": [" + HostileInputTest.record("1") + "]}";
        for (String value : List.of("abc", "yes", "1", "on")) {
            given().contentType("application/json").body(body).post("/api/v1/predict?explain=" + value)
                    .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("explain"));
        }
        given().contentType("application/json").body(body).post("/api/v1/predict?explain=TRUE")
                .then().statusCode(200).body("predictions[0].contributions", notNullValue());
        given().contentType("application/json").body(body).post("/api/v1/predict?explain=false")
                .then().statusCode(200).body("predictions", hasSize(1));
    }
}
