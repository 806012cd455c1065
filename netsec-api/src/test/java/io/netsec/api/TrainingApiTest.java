package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.core.bundle.BundleJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TrainingApiTest extends KnownModelTest {

    @Test
    void trainingNeedsTheKey() {
        given().contentType("application/json").body("{}").post("/api/v1/train")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("X-API-Key", "wrong").contentType("application/json").body("{}").post("/api/v1/train")
                .then().statusCode(401);
        given().get("/api/v1/jobs/anything").then().statusCode(401);
    }

    @Test
    void invalidOptionsAreA400() {
        given().header("X-API-Key", TestModel.API_KEY).contentType("application/json")
                .body(Map.of("models", List.of("deep_net"), "folds", 1))
                .post("/api/v1/train")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.size()", equalTo(2));
    }

    /** The served folder is replaced whole by a job: once it holds a file of someone's, no job starts. */
    @Test
    void aServedFolderHoldingOtherFilesIsRefusedBeforeTraining() throws Exception {
        Path served = Path.of(ConfigProvider.getConfig().getValue("netsec.model-dir", String.class));
        Path notes = Files.writeString(served.resolve("notes.txt"), "keep me");
        try {
            given().header("X-API-Key", TestModel.API_KEY).contentType("application/json").body("{}")
                    .post("/api/v1/train")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("holds a model bundle and other files (notes.txt)"));
            assertEquals("keep me", Files.readString(notes));
        } finally {
            Files.delete(notes);
        }
    }

    /** The job's run folder keeps its MLflow record: who trained (netsec.mlflow.user) and a span inside the job's. */
    private static void assertMlflowRecord(String runId, Instant created, Instant seenSucceeded) {
        Path runDir = Path.of(ConfigProvider.getConfig().getValue("netsec.training.runs-dir", String.class)).resolve(runId);
        try {
            JsonNode record = BundleJson.MAPPER.readTree(runDir.resolve("mlflow-record.json").toFile());
            assertEquals(TestModel.MLFLOW_USER, record.at("/tags/mlflow.user").asText(), record.toString());
            long start = record.path("start_time").asLong(-1);
            long end = record.path("end_time").asLong(-1);
            assertTrue(created.toEpochMilli() <= start && start <= end && end <= seenSucceeded.toEpochMilli(),
                    created + " <= " + start + " <= " + end + " <= " + seenSucceeded);
            assertTrue(Files.isRegularFile(runDir.resolve("model").resolve("checksums.sha256")), "the bundle copy");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aJobTrainsVerifiesAndSwapsTheModel() throws Exception {
        String before = given().get("/api/v1/model").then().statusCode(200).extract().path("created_at");
        var accepted = given().header("X-API-Key", TestModel.API_KEY).contentType("application/json")
                .body(Map.of("models", List.of("logistic"), "folds", 2, "bootstrap", 20))
                .post("/api/v1/train")
                .then().statusCode(202).header("Location", notNullValue()).extract();
        String id = accepted.path("id");
        JsonPath job = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            job = given().header("X-API-Key", TestModel.API_KEY).get("/api/v1/jobs/" + id)
                    .then().statusCode(200).extract().jsonPath();
            if (List.of("SUCCEEDED", "FAILED").contains(job.getString("state"))) {
                break;
            }
            Thread.sleep(250);
        }
        assertEquals("SUCCEEDED", job.getString("state"), () -> "job: " + given().header("X-API-Key", TestModel.API_KEY)
                .get("/api/v1/jobs/" + id).asString());
        assertEquals("logistic", job.getString("result.family"));
        assertMlflowRecord(job.getString("result.runId"), Instant.parse(job.getString("createdAt")), Instant.now());
        String after = given().get("/api/v1/model").then().statusCode(200).extract().path("created_at");
        assertNotEquals(before, after, "the new model is served");
        // the served bundle is an MLflow Model too: its files listed, verified and in place
        Path served = Path.of(ConfigProvider.getConfig().getValue("netsec.model-dir", String.class));
        assertEquals(List.of("MLmodel", "model.onnx", "code/netsec_onnx_pyfunc.py", "requirements.txt", "python_env.yaml",
                "conda.yaml", "input_example.json", "serving_input_example.json"),
                io.netsec.core.bundle.ModelBundle.load(served).attached().names());
        assertTrue(Files.readString(served.resolve("MLmodel")).contains("loader_module: netsec_onnx_pyfunc"));
        given().get("/q/health/ready").then().statusCode(200);
        given().header("X-API-Key", TestModel.API_KEY).get("/api/v1/jobs/no-such-job").then().statusCode(404);
    }
}
