package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.mongo.MongoConnection;
import io.netsec.ingestion.mongo.MongoPush;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API's training job reads a configured MongoDB collection, against the real FerretDB that
 * scripts/test.sh starts (NETSEC_TEST_MONGODB_URI); without it this test fails, never skips.
 */
@QuarkusTest
@TestProfile(TrainingFromCollectionIT.FromCollection.class)
class TrainingFromCollectionIT {

    static final String DATABASE = "netsec_api_it";
    static final String COLLECTION = "phishing";

    static String uri() {
        String uri = System.getenv("NETSEC_TEST_MONGODB_URI");
        if (uri == null || uri.isBlank()) {
            throw new IllegalStateException("NETSEC_TEST_MONGODB_URI is not set: run scripts/test.sh, which starts FerretDB");
        }
        return uri;
    }

    public static class FromCollection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("netsec.training.mongodb.uri", uri(),
                    "netsec.training.mongodb.database", DATABASE,
                    "netsec.training.mongodb.collection", COLLECTION);
        }
    }

    @Test
    void aJobTrainsOnTheConfiguredCollection() throws Exception {
        var schema = SchemaLoader.load(TestModel.repo().resolve("data_schema/phishing.yaml")).schema();
        MongoPush.run(new MongoPush.Request(TestModel.phishingCsv(), schema,
                MongoConnection.of(uri(), DATABASE, COLLECTION, Duration.ofSeconds(10)), MongoPush.DEFAULT_BATCH_SIZE), line -> { });

        String id = given().header("X-API-Key", TestModel.API_KEY).contentType("application/json")
                .body(Map.of("models", List.of("logistic"), "folds", 2, "bootstrap", 20))
                .post("/api/v1/train").then().statusCode(202).extract().path("id");
        JsonPath job = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            job = given().header("X-API-Key", TestModel.API_KEY).get("/api/v1/jobs/" + id).then().statusCode(200)
                    .extract().jsonPath();
            if (List.of("SUCCEEDED", "FAILED").contains(job.getString("state"))) {
                break;
            }
            Thread.sleep(250);
        }
        String finalState = job.getString("state");
        assertEquals("SUCCEEDED", finalState, () -> given().header("X-API-Key", TestModel.API_KEY)
                .get("/api/v1/jobs/" + id).asString());
        JsonPath model = given().get("/api/v1/model").then().statusCode(200).extract().jsonPath();
        assertEquals(11_055, model.getInt("training.data.rows"), "every document of the collection");
        assertEquals("logistic", model.getString("model.family"));
    }
}
