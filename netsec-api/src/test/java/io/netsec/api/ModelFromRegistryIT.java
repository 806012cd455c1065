package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsec.core.Sha256;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.experiment.tracking.MlflowConnection;
import io.netsec.experiment.tracking.RunTracking;
import io.netsec.experiment.tracking.TrackingSettings;
import io.netsec.training.TrainingOptions;
import io.netsec.training.TrainingRun;
import io.netsec.training.model.LogisticTrainer;
import io.netsec.training.tracking.TrainingRunTracking;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The API serves a registered model named by {@code netsec.model-uri} (a registry alias),
 * pulled and verified from the real MLflow server that scripts/test.sh starts; without one this
 * test fails, never skips.
 */
@QuarkusTest
@TestProfile(ModelFromRegistryIT.FromRegistry.class)
class ModelFromRegistryIT {

    public static class FromRegistry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String uri = System.getProperty("netsec.mlflow.uri", "");
            if (uri.isBlank() || uri.startsWith("${")) {
                throw new IllegalStateException("no MLflow server: run scripts/test.sh (or pass -Dnetsec.mlflow.uri=...)");
            }
            String name = "netsec-api-it-" + UUID.randomUUID().toString().substring(0, 8);
            try {
                Path work = Files.createTempDirectory("netsec-registry-it");
                registerChampion(uri, name, work);
                return Map.of("netsec.model-uri", "models:/" + name + "@champion", "netsec.tracking-uri", uri,
                        "netsec.model-dir", work.resolve("served").toString());
            } catch (Exception e) {
                throw new IllegalStateException("could not register a model for the test: " + e.getMessage(), e);
            }
        }
    }

    static void registerChampion(String uri, String name, Path work) throws Exception {
        LoadedSchema schema = SchemaLoader.load(TestModel.repo().resolve("data_schema/phishing.yaml"));
        Path csv = TestModel.phishingCsv();
        TrainingOptions options = TrainingOptions.defaults().withCandidates(List.of(new LogisticTrainer(1e-8)))
                .withFolds(2).withBootstrapResamples(20);
        TrainingRun run;
        try (CsvRecordSource source = CsvRecordSource.open(csv, schema.schema())) {
            run = TrainingRun.execute(new TrainingRun.Request(source, Sha256.of(csv), schema, work.resolve("trained"),
                    work.resolve("runs"), options, null), line -> { });
        }
        RunTracking.Outcome outcome = TrainingRunTracking.record(run,
                new TrackingSettings("netsec-api-it", name, "test", null), Optional.of(MlflowConnection.open(uri)),
                line -> { });
        if (outcome.published().isEmpty()) {
            throw new IllegalStateException("MLflow did not take the run: " + outcome.failure());
        }
        if (outcome.published().get().modelId() == null) {
            // The version's source is then models:/m-..., which the API's pull resolves through get-download-uri.
            throw new IllegalStateException("MLflow 3 made no logged model of the run");
        }
    }

    @Test
    void servesTheVerifiedChampionPulledFromTheRegistry() throws java.io.IOException {
        given().get("/q/health/ready").then().statusCode(200);
        String createdAt = given().get("/api/v1/model").then().statusCode(200).extract().path("created_at");
        // The profile trained and registered the bundle into the served folder's sibling "trained".
        Path served = Path.of(ConfigProvider.getConfig().getValue("netsec.model-dir", String.class));
        String registered = ModelBundle.load(served.resolveSibling("trained")).manifest().createdAt();
        assertEquals(registered, createdAt, "the registered bundle, not another one");
        // Byte for byte: the manifest record holds arrays (each candidate's fold figures), which equals() compares by identity.
        for (String file : List.of(ModelBundle.MANIFEST, ModelBundle.MODEL, ModelBundle.SCHEMA, ModelBundle.CHECKSUMS)) {
            assertArrayEquals(Files.readAllBytes(served.resolveSibling("trained").resolve(file)),
                    Files.readAllBytes(served.resolve(file)), file);
        }
    }
}
