package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies as MLflow clients send them to {@code mlflow models serve}. */
@QuarkusTest
class MlflowProtocolTest extends KnownModelTest {

    private static List<String> lines() throws IOException {
        return Files.readAllLines(TestModel.sample(3));
    }

    private static List<String> columns() throws IOException {
        return Arrays.asList(lines().get(0).split(","));
    }

    private static List<List<Integer>> rows() throws IOException {
        List<List<Integer>> rows = new ArrayList<>();
        for (String line : lines().subList(1, 4)) {
            rows.add(Arrays.stream(line.split(",")).map(Integer::valueOf).toList());
        }
        return rows;
    }

    @Test
    void dataframeSplit() throws IOException {
        given().contentType("application/json")
                .body(Map.of("dataframe_split", Map.of("columns", columns(), "data", rows())))
                .post("/invocations")
                .then().statusCode(200).body("predictions", hasSize(3)).body("predictions[0].label", equalTo("phishing"));
    }

    @Test
    void dataframeRecordsAndInstancesAndInputs() throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (List<Integer> row : rows()) {
            Map<String, Object> record = new java.util.LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                record.put(columns().get(i), row.get(i));
            }
            records.add(record);
        }
        for (String key : List.of("dataframe_records", "instances", "inputs")) {
            given().contentType("application/json").body(Map.of(key, records))
                    .post("/invocations")
                    .then().statusCode(200).body("predictions", hasSize(3));
        }
        // Columnar "inputs": column name to its values.
        Map<String, Object> columnar = new java.util.LinkedHashMap<>();
        for (String column : columns()) {
            columnar.put(column, records.stream().map(r -> r.get(column)).toList());
        }
        given().contentType("application/json").body(Map.of("inputs", columnar))
                .post("/invocations")
                .then().statusCode(200).body("predictions", hasSize(3));
    }

    @Test
    void csvBody() throws IOException {
        given().contentType("text/csv").body(String.join("\n", lines()))
                .post("/invocations")
                .then().statusCode(200).body("predictions", hasSize(3));
    }

    @Test
    void unknownShapeIsA400AndBadValueA422() throws IOException {
        given().contentType("application/json").body("{\"rows\": []}")
                .post("/invocations")
                .then().statusCode(400).contentType("application/problem+json");
        List<List<Integer>> rows = new ArrayList<>(rows());
        List<Integer> bad = new ArrayList<>(rows.get(1));
        bad.set(7, 5);
        rows.set(1, bad);
        given().contentType("application/json")
                .body(Map.of("dataframe_split", Map.of("columns", columns(), "data", rows)))
                .post("/invocations")
                .then().statusCode(422).body("row", equalTo(2)).body("column", equalTo("SSLfinal_State"));
    }

    @Test
    void pingAndVersion() {
        given().get("/ping").then().statusCode(200);
        given().get("/version").then().statusCode(200).body(not(emptyString()));
    }
}
