package io.netsec.api;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no API key configured, training is off: 404, never open. */
@QuarkusTest
@TestProfile(TrainingDisabledTest.NoKey.class)
class TrainingDisabledTest {

    public static class NoKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("netsec.api-key", "");
        }
    }

    @Test
    void trainingIsDisabled() {
        given().contentType("application/json").body("{}").post("/api/v1/train")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("X-API-Key", "").contentType("application/json").body("{}").post("/api/v1/train")
                .then().statusCode(404);
    }
}
