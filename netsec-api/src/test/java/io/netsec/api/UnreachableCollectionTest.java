package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A training collection on a server that is down, named by a connection string with a password:
 * the failed job's error and the server's log name it with the password masked, the driver's own
 * messages in the logged trace included.
 */
@QuarkusTest
@TestProfile(UnreachableCollectionTest.ServerDown.class)
class UnreachableCollectionTest {

    static final String SECRET = "S3cr3tPw";

    public static class ServerDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("netsec.training.mongodb.uri", "mongodb://user:" + SECRET
                    + "@127.0.0.1:1/?authSource=admin&password=" + SECRET,
                    "netsec.training.mongodb.database", "d",
                    "netsec.training.mongodb.collection", "c",
                    "netsec.training.mongodb.timeout-seconds", "1");
        }
    }

    @Test
    void theFailedJobAndTheLogNameTheServerWithItsPasswordMasked() throws Exception {
        StringBuilder log = new StringBuilder();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (log) {
                    log.append(record.getMessage()).append(' ').append(java.util.Arrays.toString(record.getParameters()))
                            .append('\n');
                    if (record.getThrown() != null) {
                        var trace = new java.io.StringWriter();
                        record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                        log.append(trace);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("io.netsec.api.training.TrainingService");
        logger.addHandler(capture);
        try {
            String id = given().header("X-API-Key", TestModel.API_KEY).contentType("application/json").body("{}")
                    .post("/api/v1/train").then().statusCode(202).extract().path("id");
            JsonPath job = null;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
            while (Instant.now().isBefore(deadline)) {
                job = given().header("X-API-Key", TestModel.API_KEY).get("/api/v1/jobs/" + id).then().statusCode(200)
                        .extract().jsonPath();
                if (List.of("SUCCEEDED", "FAILED").contains(job.getString("state"))) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals("FAILED", job.getString("state"), job.prettify());
            String error = job.getString("error");
            assertTrue(error.startsWith("cannot reach MongoDB at mongodb://user:****@127.0.0.1:1/?authSource=admin&password=**** d.c"),
                    error);
            assertFalse(job.prettify().contains(SECRET), job.prettify());
            String logged;
            synchronized (log) {
                logged = log.toString();
            }
            assertTrue(logged.contains("Training job " + id + " failed"), logged);
            assertTrue(logged.contains("com.mongodb.MongoTimeoutException"), "the trace is logged: " + logged);
            assertFalse(logged.contains(SECRET), logged);
        } finally {
            logger.removeHandler(capture);
        }
    }
}
