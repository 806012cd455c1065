package io.netsec.ingestion.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.netsec.core.Sha256;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.file.RecordSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and read back against the real FerretDB server that scripts/test.sh starts. */
class MongoPushIT {

    private static final Path REPO = Path.of(System.getProperty("netsec.repo.dir", ".."));
    private static final DataSchema SCHEMA = SchemaLoader.load(REPO.resolve("data_schema/phishing.yaml")).schema();
    private static final Path PHISHING =
            Path.of(System.getProperty("netsec.data.dir", "../../shared/data")).resolve("phisingData.csv");

    @TempDir
    Path dir;

    private String database;

    @BeforeEach
    void database() {
        database = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @AfterEach
    void dropDatabase() {
        try (MongoClient client = connection("any").open()) {
            client.getDatabase(database).drop();
        }
    }

    private MongoConnection connection(String collection) {
        return new MongoConnection(FerretDb.uri(), database, collection, Duration.ofSeconds(5));
    }

    private long count(String collection) {
        try (MongoClient client = connection(collection).open()) {
            return client.getDatabase(database).getCollection(collection).countDocuments();
        }
    }

    @Test
    void twoPushesLeaveOneTypedDocumentPerRowAndReadBackLikeTheFile() throws Exception {
        MongoConnection target = connection("phishing");
        MongoPush.Result first = MongoPush.run(new MongoPush.Request(PHISHING, SCHEMA, target, 2000), line -> { });
        assertEquals(new MongoPush.Result(target.describe(), Sha256.of(PHISHING), 11_055, 11_055, 0), first);
        MongoPush.Result second = MongoPush.run(new MongoPush.Request(PHISHING, SCHEMA, target, 2000), line -> { });
        assertEquals(11_055, second.existing());
        assertEquals(0, second.inserted());
        assertEquals(11_055, count("phishing"), "duplicate rows included, no row twice");

        try (MongoClient client = target.open()) {
            Document row1 = client.getDatabase(database).getCollection("phishing")
                    .find(new Document("_id", first.sha256() + ":1")).first();
            assertInstanceOf(Integer.class, row1.get("having_IP_Address"), "integers are stored as integers");
            assertEquals(1L, row1.get("_row"));
        }
        // Same rows, same order, same cells as the file.
        try (RecordSource file = RecordSources.open(PHISHING, SCHEMA);
             RecordSource collection = MongoRecordSource.open(target, null, SCHEMA)) {
            assertEquals(file.header().sourceColumns(), collection.header().sourceColumns());
            long rows = 0;
            for (RawRecord expected; (expected = file.next()) != null; rows++) {
                RawRecord actual = collection.next();
                assertEquals(expected.row(), actual.row());
                assertEquals(List.of(expected.cells()), List.of(actual.cells()), "row " + expected.row());
            }
            assertNull(collection.next());
            assertEquals(11_055, rows);
        }
    }

    @Test
    void pushInterruptedByTheServerStoppingCompletesWhenRunAgain() throws Exception {
        MongoConnection target = new MongoConnection(FerretDb.uri(), database, "interrupted", Duration.ofSeconds(2));
        List<String> progress = new ArrayList<>();
        MongoAccessException failure;
        try {
            failure = assertThrows(MongoAccessException.class, () -> MongoPush.run(
                    new MongoPush.Request(PHISHING, SCHEMA, target, 1000), line -> {
                        progress.add(line);
                        if (line.startsWith("push: 3,000 of")) {
                            FerretDb.stop(); // the server goes away between two batches
                        }
                    }));
        } finally {
            FerretDb.start();
        }
        assertTrue(failure.getMessage().contains(target.describe()), failure.getMessage());
        long written = count("interrupted");
        assertEquals(3_000, written, "the batches written before the stop stay: " + progress);

        MongoPush.Result rerun = MongoPush.run(new MongoPush.Request(PHISHING, SCHEMA, target, 1000), line -> { });
        assertEquals(3_000, rerun.existing());
        assertEquals(8_055, rerun.inserted());
        assertEquals(11_055, count("interrupted"), "nothing lost, nothing doubled");
    }

    @Test
    void serverStoppedWhileTrainingReadsTheCollectionFailsClearlyAndARerunReadsEveryRow() throws Exception {
        MongoConnection target = new MongoConnection(FerretDb.uri(), database, "reading", Duration.ofSeconds(2));
        MongoPush.run(new MongoPush.Request(PHISHING, SCHEMA, target, 2000), line -> { });
        MongoAccessException failure;
        long readBeforeTheStop = 0;
        try (RecordSource source = MongoRecordSource.open(target, null, SCHEMA)) {
            // The cursor fetches 1,000 documents a batch: stop the server inside the second batch.
            while (readBeforeTheStop < 1_500 && source.next() != null) {
                readBeforeTheStop++;
            }
            FerretDb.stop();
            try {
                failure = assertThrows(MongoAccessException.class,
                        () -> io.netsec.core.data.DatasetReader.read(source, SCHEMA, null, null));
            } finally {
                FerretDb.start();
            }
        }
        assertEquals(1_500, readBeforeTheStop);
        assertTrue(failure.getMessage().contains(target.describe()), failure.getMessage());

        try (RecordSource again = MongoRecordSource.open(target, null, SCHEMA)) {
            var data = io.netsec.core.data.DatasetReader.read(again, SCHEMA, null, null);
            assertEquals(11_055, data.size(), "once the server is back, training reads every row");
            assertEquals(4_898, data.threatCount());
        }
    }

    @Test
    void fileThatBreaksTheSchemaWritesNothing() throws Exception {
        List<String> lines = Files.readAllLines(PHISHING);
        Path bad = dir.resolve("bad.csv");
        Files.write(bad, List.of(lines.get(0), lines.get(1), lines.get(2).replaceFirst("^-?1,", "7,")));
        var failure = assertThrows(DataException.class,
                () -> MongoPush.run(new MongoPush.Request(bad, SCHEMA, connection("bad"), 1000), line -> { }));
        assertEquals(2, failure.row());
        assertEquals("having_IP_Address", failure.column());
        assertTrue(failure.getMessage().contains("nothing was pushed"), failure.getMessage());
        assertEquals(0, count("bad"));
    }

    @Test
    void documentThatCannotBeReadNamesItsIdAndField() throws Exception {
        try (MongoClient client = connection("broken").open()) {
            MongoCollection<Document> collection = client.getDatabase(database).getCollection("broken");
            collection.insertOne(new Document("_id", "ok").append("_row", 1L).append("URL_Length", 1).append("Result", 1));
            collection.insertOne(new Document("_id", "nested").append("_row", 2L)
                    .append("URL_Length", new Document("value", 1)).append("Result", -1));
        }
        try (RecordSource source = MongoRecordSource.open(connection("broken"), null, SCHEMA)) {
            source.next();
            var failure = assertThrows(DataException.class, source::next);
            assertEquals("URL_Length", failure.column());
            assertTrue(failure.getMessage().contains("document _id 'nested', field 'URL_Length': a value of type "
                    + "document cannot be a cell"), failure.getMessage());
        }
    }

    @Test
    void emptyCollectionAndQueryWithoutMatchesFailClearly() throws Exception {
        var empty = assertThrows(DataException.class, () -> MongoRecordSource.open(connection("nothing"), null, SCHEMA));
        assertTrue(empty.getMessage().endsWith(database + ".nothing: the collection is empty (push data into it with "
                + "'netsec push-data')"), empty.getMessage());

        MongoPush.run(new MongoPush.Request(PHISHING, SCHEMA, connection("some"), 5000), line -> { });
        var none = assertThrows(DataException.class, () -> MongoRecordSource.open(connection("some"),
                Document.parse("{\"Result\": 7}"), SCHEMA));
        assertTrue(none.getMessage().endsWith("no document matches the query"), none.getMessage());
        try (RecordSource threats = MongoRecordSource.open(connection("some"), Document.parse("{\"Result\": -1}"), SCHEMA)) {
            long rows = 0;
            while (threats.next() != null) {
                rows++;
            }
            assertEquals(4_898, rows);
        }
    }
}
