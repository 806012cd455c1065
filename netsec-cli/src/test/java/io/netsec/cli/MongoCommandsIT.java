package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import io.netsec.ingestion.mongo.MongoConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MongoDB commands end to end against the real FerretDB server scripts/test.sh starts
 * (NETSEC_TEST_MONGODB_URI); without it these tests fail, never skip.
 */
class MongoCommandsIT {

    private static final Path REPO = Path.of(System.getProperty("netsec.repo.dir", ".."));
    private static final String SCHEMA = REPO.resolve("data_schema/phishing.yaml").toString();
    private static final Path PHISHING =
            Path.of(System.getProperty("netsec.data.dir", "../../shared/data")).resolve("phisingData.csv");
    private static final String DATABASE = "it_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private static String uri;

    @TempDir
    Path dir;

    @BeforeAll
    static void pushThePhishingDataTwice() {
        uri = System.getenv("NETSEC_TEST_MONGODB_URI");
        if (uri == null || uri.isBlank()) {
            fail("no MongoDB server for the integration tests: run scripts/test.sh, which starts FerretDB, or "
                    + "export NETSEC_TEST_MONGODB_URI=$(NETSEC_FERRETDB_DIR=/tmp/ferretdb scripts/ferretdb.sh start)");
        }
        for (int push = 1; push <= 2; push++) {
            var run = netsec("push-data", "-q", "--data", PHISHING.toString(), "--schema", SCHEMA, "--mongodb-uri", uri,
                    "--database", DATABASE, "--collection", "phishing", "--batch-size", "2500");
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("Pushed 11,055 rows to " + uri + " " + DATABASE + ".phishing ("
                    + (push == 1 ? "11,055 new documents, 0 already there)" : "0 new documents, 11,055 already there)")),
                    run.out());
        }
    }

    @AfterAll
    static void dropDatabase() {
        if (uri != null) {
            try (MongoClient client = MongoConnection.of(uri, DATABASE, "any", null).open()) {
                client.getDatabase(DATABASE).drop();
            }
        }
    }

    private static String[] collection(String name, String... more) {
        return Stream.concat(Stream.of("--mongodb-uri", uri, "--database", DATABASE, "--collection", name),
                Stream.of(more)).toArray(String[]::new);
    }

    private static String[] args(List<String> first, String[] second) {
        return Stream.concat(first.stream(), Stream.of(second)).toArray(String[]::new);
    }

    @Test
    void trainingFromTheCollectionGivesTheSameTestMetricsAsFromTheFile() throws IOException {
        List<String> train = List.of("train", "-q", "--schema", SCHEMA, "--models", "logistic", "--bootstrap", "50");
        var fromFile = netsec(args(train, new String[] {"--data", PHISHING.toString(),
                "--model-dir", dir.resolve("file-model").toString(), "--runs-dir", dir.resolve("file-runs").toString()}));
        assertEquals(0, fromFile.exitCode(), fromFile.err());
        var fromCollection = netsec(args(train, args(List.of("--model-dir", dir.resolve("mongo-model").toString(),
                "--runs-dir", dir.resolve("mongo-runs").toString()), collection("phishing"))));
        assertEquals(0, fromCollection.exitCode(), fromCollection.err());

        JsonNode fileMetrics = manifest(dir.resolve("file-model")).get("metrics");
        JsonNode mongoMetrics = manifest(dir.resolve("mongo-model")).get("metrics");
        assertTrue(fileMetrics.has("test"), fileMetrics.toString());
        assertEquals(fileMetrics, mongoMetrics, "identical test metrics in the manifests");
    }

    private static JsonNode manifest(Path modelDir) throws IOException {
        try (Stream<Path> files = Files.list(modelDir)) {
            Path manifest = files.filter(f -> f.getFileName().toString().equals("manifest.json")).findFirst()
                    .orElseThrow(() -> new AssertionError("no manifest.json in " + modelDir));
            return new ObjectMapper().readTree(manifest.toFile());
        }
    }

    @Test
    void validateAndPredictReadTheCollectionWithAQuery() throws IOException {
        var valid = netsec(args(List.of("validate", "-q", "--schema", SCHEMA), collection("phishing")));
        assertEquals(0, valid.exitCode(), valid.err());
        assertTrue(valid.out().contains("VALID against schema 'phishing', 11,055 rows read"), valid.out());
        assertTrue(valid.out().contains("5,206 rows repeat an earlier row"), valid.out());

        var model = netsec("train", "-q", "--schema", SCHEMA, "--models", "logistic", "--bootstrap", "20",
                "--data", PHISHING.toString(), "--model-dir", dir.resolve("model").toString(),
                "--runs-dir", dir.resolve("runs").toString());
        assertEquals(0, model.exitCode(), model.err());
        Path scored = dir.resolve("scored.csv");
        var predict = netsec(args(List.of("predict", "-q", "--model-dir", dir.resolve("model").toString(),
                "--output", scored.toString()), collection("phishing", "--query", "{\"Result\": -1}")));
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals(4_898 + 1, Files.readAllLines(scored).size(), "the threat rows and a header");
    }

    @Test
    void documentThatBreaksTheSchemaIsNamedByItsIdAndField() {
        try (MongoClient client = MongoConnection.of(uri, DATABASE, "broken", null).open()) {
            var broken = client.getDatabase(DATABASE).getCollection("broken");
            var phishing = client.getDatabase(DATABASE).getCollection("phishing");
            for (Document document : phishing.find().sort(new Document("_row", 1)).limit(3)) {
                broken.insertOne(document);
            }
            Document third = broken.find(new Document("_row", 3L)).first();
            broken.updateOne(new Document("_id", third.get("_id")), new Document("$set", new Document("SSLfinal_State", 5)));
        }
        var run = netsec(args(List.of("train", "-q", "--schema", SCHEMA, "--models", "logistic",
                "--model-dir", dir.resolve("m").toString()), collection("broken")));
        assertEquals(ExitCodes.INVALID_DATA, run.exitCode(), run.err());
        assertTrue(run.err().matches("(?s)netsec train: .* " + DATABASE + "\\.broken, row 3, column 'SSLfinal_State': "
                + "document _id '[0-9a-f]{64}:3': .*"), run.err());
    }

    @Test
    void emptyCollectionFailsClearly() {
        var run = netsec(args(List.of("validate", "-q", "--schema", SCHEMA), collection("nothing")));
        assertEquals(ExitCodes.INVALID_DATA, run.exitCode(), run.err());
        assertTrue(run.err().contains(DATABASE + ".nothing: the collection is empty"), run.err());
    }
}
