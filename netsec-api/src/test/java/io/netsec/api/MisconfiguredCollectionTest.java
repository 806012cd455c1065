package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A training collection whose connection string no driver accepts (another service's scheme, with
 * a password): the 409 problem says what is wrong and never shows the password.
 */
@QuarkusTest
@TestProfile(MisconfiguredCollectionTest.MistypedScheme.class)
class MisconfiguredCollectionTest {

    static final String SECRET = "S3cr3tPw";

    public static class MistypedScheme implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("netsec.training.mongodb.uri", "http://user:" + SECRET + "@127.0.0.1:1/",
                    "netsec.training.mongodb.database", "d",
                    "netsec.training.mongodb.collection", "c");
        }
    }

    @Test
    void theConflictNamesTheStringWithItsPasswordMasked() {
        String body = given().header("X-API-Key", TestModel.API_KEY).contentType("application/json").body("{}")
                .post("/api/v1/train").then().statusCode(409).contentType("application/problem+json")
                .extract().asString();
        assertFalse(body.contains(SECRET) || body.contains("3cr3t"), body);
        assertTrue(body.contains("invalid MongoDB connection string http://user:****@127.0.0.1:1/"), body);
        assertEquals("urn:netsec:problem:training-source-misconfigured",
                io.restassured.path.json.JsonPath.from(body).getString("type"));
    }
}
