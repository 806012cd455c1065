package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The phishing data's integers written in other scripts' digits (Arabic-Indic "١", full-width
 * "１", both the allowed value 1 to Long.parseLong) are text: each way in answers 422 naming the
 * record or row and the column, as for any other text in an integer column; the same value in
 * ASCII, as a JSON string or a number, scores.
 */
@QuarkusTest
class AsciiDigitsApiTest extends KnownModelTest {

    private static final List<String> OTHER_ONES = List.of("\u0661", "\uFF11", "-\u0661", "\u0967");

    private static List<String> sample() throws IOException {
        return Files.readAllLines(TestModel.sample(3));
    }

    /** A JSON record of the sample's first row whose first column's value is {@code first} (JSON text). */
    private static String record(List<String> sample, String first) {
        String[] names = sample.get(0).split(",");
        String[] values = sample.get(1).split(",");
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(names[i]).append("\":").append(i == 0 ? first : values[i]);
        }
        return json.append('}').toString();
    }

    private static void assertRefused(Response response, long row, String column, String what) {
        assertEquals(422, response.statusCode(), what + ": " + response.asString());
        assertTrue(response.jsonPath().getString("detail").contains("not an integer"), what + ": " + response.asString());
        assertEquals(row, response.jsonPath().getLong("row"), what);
        assertEquals(column, response.jsonPath().getString("column"), what);
    }

    @Test
    void jsonRecordsAndRowsRefuseThem() throws IOException {
        List<String> sample = sample();
        String first = sample.get(0).split(",")[0];
        String good = sample.get(1).split(",")[0];
        for (String one : OTHER_ONES) {
            String body = "{\"records\": [" + record(sample, good) + ", " + record(sample, "\"" + one + "\"") + "]}";
            assertRefused(given().contentType("application/json").body(body).post("/api/v1/predict"), 2, first, one);
            String columns = "\"" + sample.get(0).replace(",", "\", \"") + "\"";
            String rows = "{\"columns\": [" + columns + "], \"rows\": [[" + sample.get(1) + "], [\"" + one + "\""
                    + sample.get(1).replaceFirst("^[^,]*", "") + "]]}";
            assertRefused(given().contentType("application/json").body(rows).post("/api/v1/predict"), 2, first, "row " + one);
        }
        for (String ascii : List.of(good, "\"" + good + "\"")) {
            given().contentType("application/json").body("{\"records\": [" + record(sample, ascii) + "]}")
                    .post("/api/v1/predict").then().statusCode(200);
        }
    }

    @Test
    void csvBodiesRefuseThem() throws IOException {
        List<String> sample = sample();
        String first = sample.get(0).split(",")[0];
        for (String one : OTHER_ONES) {
            String row = sample.get(1).replaceFirst("^[^,]*", one);
            String csv = String.join("\n", sample.get(0), sample.get(1), row) + "\n";
            assertRefused(given().contentType("text/csv").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .post("/api/v1/predict/csv"), 2, first, "csv " + one);
        }
    }
}
