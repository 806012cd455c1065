package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest extends KnownModelTest {

    @Test
    void liveAndReadyWithAModel() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'model' }.status", equalTo("UP"));
    }

    @Test
    void metricsCountPredictionsAndThreats() throws Exception {
        given().contentType("application/json")
                .body(Map.of("records", java.util.List.of(PredictApiTest.record(PredictApiTest.PHISHING_ROW))))
                .post("/api/v1/predict").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("netsec_predictions_total"))
                .body(containsString("netsec_threats_total"))
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void openApiDescribesEndpointsAndProblems() {
        String doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        for (String expected : new String[] {"/api/v1/predict", "/api/v1/predict/csv", "/invocations", "/ping", "/version",
                "/api/v1/train", "/api/v1/jobs/{id}", "/api/v1/model", "/predict", "application/problem+json",
                "\"Problem\"", "\"422\"", "\"413\""}) {
            org.junit.jupiter.api.Assertions.assertTrue(doc.contains(expected), "OpenAPI lacks " + expected);
        }
    }
}
