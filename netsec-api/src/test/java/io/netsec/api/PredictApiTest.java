package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TestModel.class, restrictToAnnotatedClass = false)
class PredictApiTest extends KnownModelTest {

    static final String PHISHING_ROW = "-1,1,1,1,-1,-1,-1,-1,-1,1,1,-1,1,-1,1,-1,-1,-1,0,1,1,1,1,-1,-1,-1,-1,1,1,-1";
    static final String LEGIT_ROW = "1,1,1,1,1,-1,0,1,-1,1,1,-1,1,0,-1,-1,1,1,0,1,1,1,1,-1,-1,0,-1,1,1,1";

    static Map<String, Object> record(String row) throws IOException {
        String[] names = Files.readAllLines(TestModel.phishingCsv()).get(0).split(",");
        String[] values = row.split(",");
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            record.put(names[i], Integer.parseInt(values[i]));
        }
        return record;
    }

    @Test
    void scoresRecordsInOrder() throws IOException {
        List<Map<String, Object>> predictions = given().contentType("application/json")
                .body(Map.of("records", List.of(record(PHISHING_ROW), record(LEGIT_ROW), record(PHISHING_ROW))))
                .post("/api/v1/predict")
                .then().statusCode(200)
                .body("predictions", hasSize(3))
                .body("predictions[0].contributions", nullValue())
                .extract().jsonPath().getList("predictions");
        assertEquals("phishing", predictions.get(0).get("label"));
        assertEquals(true, predictions.get(0).get("threat"));
        for (Map<String, Object> p : predictions) {
            assertEquals(p.get("label").equals("phishing"), p.get("threat"), "the threat label is phishing: " + p);
        }
        assertEquals(predictions.get(0), predictions.get(2));
        double p = ((Number) predictions.get(0).get("probability")).doubleValue();
        assertTrue(p > 0.5 && p <= 1, "threat probability " + p);
    }

    /** The body {"columns": [...], "rows": [...]} of these records (their keys, in order, as columns). */
    static Map<String, Object> rowsBody(List<Map<String, Object>> records) {
        List<String> columns = List.copyOf(records.get(0).keySet());
        List<List<Object>> rows = records.stream().map(r -> List.copyOf(r.values())).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("columns", columns);
        body.put("rows", rows);
        return body;
    }

    @Test
    void rowsUnderColumnsScoreAsTheirRecords() throws IOException {
        List<Map<String, Object>> records = List.of(record(PHISHING_ROW), record(LEGIT_ROW), record(LEGIT_ROW));
        List<Object> byRecords = given().contentType("application/json").body(Map.of("records", records))
                .post("/api/v1/predict").then().statusCode(200).extract().jsonPath().getList("predictions");
        Map<String, Object> body = rowsBody(records);
        List<Object> byRows = given().contentType("application/json").body(body)
                .post("/api/v1/predict").then().statusCode(200).extract().jsonPath().getList("predictions");
        assertEquals(byRecords, byRows);
        // Keys in the other order take the bound path: the same answer.
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("rows", body.get("rows"));
        reordered.put("columns", body.get("columns"));
        assertEquals(byRecords, given().contentType("application/json").body(reordered)
                .post("/api/v1/predict").then().statusCode(200).extract().jsonPath().getList("predictions"));
    }

    @Test
    void aBadRowIsNamedAndAMalformedShapeIsA400() throws IOException {
        Map<String, Object> body = rowsBody(List.of(record(PHISHING_ROW), record(LEGIT_ROW)));
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = new java.util.ArrayList<>((List<List<Object>>) body.get("rows"));
        List<Object> bad = new java.util.ArrayList<>(rows.get(1));
        List<String> columns = (List<String>) (List<?>) body.get("columns");
        bad.set(columns.indexOf("SSLfinal_State"), 7);
        rows.set(1, bad);
        body.put("rows", rows);
        given().contentType("application/json").body(body).post("/api/v1/predict")
                .then().statusCode(422).body("row", equalTo(2)).body("column", equalTo("SSLfinal_State"));
        rows.set(1, bad.subList(0, 29));
        given().contentType("application/json").body(body).post("/api/v1/predict")
                .then().statusCode(422).body("row", equalTo(2)).body("detail", containsString("expected a row of 30 values"));

        given().contentType("application/json").body("{\"columns\": [\"URL_Length\", \" url_length\"], \"rows\": [[1, 1]]}")
                .post("/api/v1/predict").then().statusCode(400)
                .body("errors[0].field", equalTo("columns")).body("errors[0].message", containsString("twice"));
        given().contentType("application/json").body("{\"columns\": [\"URL_Length\"]}")
                .post("/api/v1/predict").then().statusCode(400).body("errors[0].field", equalTo("rows"));
        given().contentType("application/json").body("{\"records\": [{}], \"columns\": [\"URL_Length\"], \"rows\": [[1]]}")
                .post("/api/v1/predict").then().statusCode(400).body("errors[0].message", containsString("not both"));
    }

    @Test
    void scoresABodyTooLargeForTheEventLoopOnAWorkerThread() throws IOException {
        // Over JsonScoring.INLINE_BYTES (256 KiB): the same answer, computed off the event loop.
        List<Map<String, Object>> records = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) {
            records.add(record(i % 2 == 0 ? PHISHING_ROW : LEGIT_ROW));
        }
        List<Map<String, Object>> predictions = given().contentType("application/json").body(Map.of("records", records))
                .post("/api/v1/predict")
                .then().statusCode(200)
                .body("predictions", hasSize(600))
                .extract().jsonPath().getList("predictions");
        assertEquals(true, predictions.get(0).get("threat"));
        assertEquals(predictions.get(0), predictions.get(598));
        assertEquals(predictions.get(1), predictions.get(599));
    }

    @Test
    void explainAddsContributions() throws IOException {
        given().contentType("application/json").queryParam("explain", true)
                .body(Map.of("records", List.of(record(PHISHING_ROW))))
                .post("/api/v1/predict")
                .then().statusCode(200)
                .body("predictions[0].contributions", notNullValue())
                .body("predictions[0].contributions", hasKey("SSLfinal_State"));
    }

    @Test
    void valueOutsideTheSchemaNamesRecordAndColumn() throws IOException {
        Map<String, Object> bad = record(LEGIT_ROW);
        bad.put("SSLfinal_State", 7);
        given().contentType("application/json")
                .body(Map.of("records", List.of(record(PHISHING_ROW), bad)))
                .post("/api/v1/predict")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("row", equalTo(2))
                .body("column", equalTo("SSLfinal_State"))
                .body("instance", equalTo("/api/v1/predict"))
                .body("detail", containsString("'7'"));
    }

    @Test
    void wrongTypeIsA422() throws IOException {
        Map<String, Object> bad = record(LEGIT_ROW);
        bad.put("URL_Length", "long");
        given().contentType("application/json").body(Map.of("records", List.of(bad)))
                .post("/api/v1/predict")
                .then().statusCode(422).body("row", equalTo(1)).body("column", equalTo("URL_Length"));
    }

    @Test
    void missingRecordsIsA400WithTheField() {
        given().contentType("application/json").body("{}")
                .post("/api/v1/predict")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("records"));
        given().contentType("application/json").body("{\"records\":[]}")
                .post("/api/v1/predict")
                .then().statusCode(400).body("errors[0].field", equalTo("records"));
    }

    @Test
    void malformedJsonIsA400() {
        given().contentType("application/json").body("{\"records\": [")
                .post("/api/v1/predict")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"))
                .body("detail", notNullValue());
        given().contentType("application/json").body("{\"records\": 5}")
                .post("/api/v1/predict")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void scoresACsvBody() throws IOException {
        String body = String.join("\n", Files.readAllLines(TestModel.sample(30)));
        String scored = given().contentType("text/csv").body(body)
                .post("/api/v1/predict/csv")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        List<String> lines = scored.lines().toList();
        assertEquals(31, lines.size());
        assertTrue(lines.get(0).endsWith(",Result,prediction,probability"), lines.get(0));
        assertTrue(lines.get(1).startsWith("-1,1,1,1,"), "numbers stay as they are: " + lines.get(1));
    }

    @Test
    void csvErrorsNameRowAndColumn() throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(TestModel.sample(5)));
        lines.set(3, lines.get(3).replaceFirst("^-?1,", "9,"));
        given().contentType("text/csv").body(String.join("\n", lines))
                .post("/api/v1/predict/csv")
                .then().statusCode(422).contentType("application/problem+json")
                .body("row", equalTo(3))
                .body("column", equalTo("having_IP_Address"));
    }

    @Test
    void csvWithAMissingColumnIsA422OnTheHeader() {
        given().contentType("text/csv").body("having_IP_Address,URL_Length\n1,1\n")
                .post("/api/v1/predict/csv")
                .then().statusCode(422).body("row", equalTo(0)).body("column", notNullValue())
                .body("detail", containsString("missing column"));
    }

    @Test
    void emptyAndBinaryBodiesAreRefused() {
        given().contentType("text/csv").body("")
                .post("/api/v1/predict/csv")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("empty"));
        given().contentType("text/csv").body(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1, 2})
                .post("/api/v1/predict/csv")
                .then().statusCode(415).contentType("application/problem+json").body("title", equalTo("Not a CSV file"));
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        byte[] big = new byte[4 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) '1');
        given().contentType("text/csv").body(big)
                .post("/api/v1/predict/csv")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("upload limit"));
    }

    @Test
    void wrongMediaTypeIsA415Problem() {
        given().contentType("application/xml").body("<records/>")
                .post("/api/v1/predict")
                .then().statusCode(415).contentType("application/problem+json");
    }
}
