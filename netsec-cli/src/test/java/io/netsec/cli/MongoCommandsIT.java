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

    /**
     * The collection {@code broken}: the first three phishing documents, the third with a value
     * its schema forbids (SSLfinal_State 5); returns that document's {@code _id}.
     */
    private static synchronized String brokenCollection() {
        try (MongoClient client = MongoConnection.of(uri, DATABASE, "broken", null).open()) {
            var broken = client.getDatabase(DATABASE).getCollection("broken");
            if (broken.countDocuments() == 0) {
                var phishing = client.getDatabase(DATABASE).getCollection("phishing");
                for (Document document : phishing.find().sort(new Document("_row", 1)).limit(3)) {
                    broken.insertOne(document);
                }
                Document third = broken.find(new Document("_row", 3L)).first();
                broken.updateOne(new Document("_id", third.get("_id")), new Document("$set", new Document("SSLfinal_State", 5)));
            }
            return broken.find(new Document("_row", 3L)).first().getString("_id");
        }
    }

    @Test
    void documentThatBreaksTheSchemaIsNamedByItsIdAndField() {
        String id = brokenCollection();
        var run = netsec(args(List.of("train", "-q", "--schema", SCHEMA, "--models", "logistic",
                "--model-dir", dir.resolve("m").toString()), collection("broken")));
        assertEquals(ExitCodes.INVALID_DATA, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("netsec train: " + uri + " " + DATABASE + ".broken, row 3, column 'SSLfinal_State': "
                + "document _id '" + id + "': "), run.err());
    }

    @Test
    void validateNamesTheDocumentThatBreaksTheSchemaByItsId() throws IOException {
        String id = brokenCollection();
        var text = netsec(args(List.of("validate", "-q", "--schema", SCHEMA), collection("broken")));
        assertEquals(ExitCodes.INVALID_DATA, text.exitCode(), text.err());
        List<String> table = text.out().lines().dropWhile(line -> !line.startsWith("  ROW")).toList();
        assertTrue(table.get(0).matches(" +ROW +_ID +COLUMN +KIND +VALUE"), text.out());
        assertTrue(table.get(1).matches(" +3 +'" + id + "' +SSLfinal_State +\\S+ +'5'"), text.out());

        var json = netsec(args(List.of("validate", "-q", "--json", "--schema", SCHEMA), collection("broken")));
        assertEquals(ExitCodes.INVALID_DATA, json.exitCode(), json.err());
        JsonNode problem = new ObjectMapper().readTree(json.out()).path("problems").path(0);
        assertEquals(3, problem.path("row").asLong(), json.out());
        assertEquals("'" + id + "'", problem.path("document_id").asText(), json.out());
        assertEquals("SSLfinal_State", problem.path("column").asText(), json.out());
    }

    @Test
    void predictNamesTheDocumentThatBreaksTheSchemaByItsIdInItsErrorAndRejectFile() throws IOException {
        String id = brokenCollection();
        var model = netsec("train", "-q", "--schema", SCHEMA, "--models", "logistic", "--bootstrap", "20",
                "--data", PHISHING.toString(), "--model-dir", dir.resolve("model").toString(),
                "--runs-dir", dir.resolve("runs").toString());
        assertEquals(0, model.exitCode(), model.err());
        Path scored = dir.resolve("scored.csv");
        List<String> predict = List.of("predict", "-q", "--model-dir", dir.resolve("model").toString(),
                "--output", scored.toString());
        var stopped = netsec(args(predict, collection("broken")));
        assertEquals(ExitCodes.INVALID_DATA, stopped.exitCode(), stopped.err());
        assertTrue(stopped.err().startsWith("netsec predict: " + uri + " " + DATABASE + ".broken, row 3, column "
                + "'SSLfinal_State': document _id '" + id + "': "), stopped.err());
        assertEquals(1, stopped.err().lines().count(), stopped.err());

        var skipped = netsec(args(predict, collection("broken", "--skip-invalid")));
        assertEquals(0, skipped.exitCode(), skipped.err());
        List<String> rejects = Files.readAllLines(Path.of(scored + ".rejects.csv"));
        assertEquals(2, rejects.size(), rejects.toString());
        assertTrue(rejects.get(0).startsWith("row,_id,reason,"), rejects.get(0));
        assertTrue(rejects.get(1).startsWith("3,'" + id + "',"), rejects.get(1));
        assertEquals(2 + 1, Files.readAllLines(scored).size(), "the two valid documents and a header");
    }

    @Test
    void emptyCollectionFailsClearly() {
        var run = netsec(args(List.of("validate", "-q", "--schema", SCHEMA), collection("nothing")));
        assertEquals(ExitCodes.INVALID_DATA, run.exitCode(), run.err());
        assertTrue(run.err().contains(DATABASE + ".nothing: the collection is empty"), run.err());
    }
}
