package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged application (java -jar target/quarkus-app/quarkus-run.jar) starts on a bundle and answers. */
@QuarkusIntegrationTest
@QuarkusTestResource(value = TestModel.class, restrictToAnnotatedClass = true)
class PackagedAppIT {

    @Test
    void startsReadyAndScores() throws IOException {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/ping").then().statusCode(200);
        given().contentType("application/json")
                .body(Map.of("records", List.of(PredictApiTest.record(PredictApiTest.PHISHING_ROW))))
                .post("/api/v1/predict")
                .then().statusCode(200).body("predictions", hasSize(1)).body("predictions[0].label", equalTo("phishing"));
        given().get("/").then().statusCode(200);
    }
}
