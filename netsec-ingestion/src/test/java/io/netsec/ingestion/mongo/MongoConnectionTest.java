package io.netsec.ingestion.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MongoConnectionTest {

    private static final DataSchema SCHEMA = SchemaLoader.parse("s.yaml", """
            name: s
            columns:
              - {name: x, type: integer}
              - {name: Result, type: integer, role: label}
            label: {column: Result, threat: [-1]}
            """.getBytes(StandardCharsets.UTF_8)).schema();

    @Test
    void passwordIsMaskedInEveryDescription() {
        var connection = new MongoConnection("mongodb://alice:s3cr%40t@db.example:27017/admin?tls=false", "netsec",
                "phishing", null);
        assertEquals("mongodb://alice:****@db.example:27017/admin?tls=false", connection.redactedUri());
        assertEquals("mongodb://alice:****@db.example:27017/admin?tls=false netsec.phishing", connection.describe());
        assertFalse(connection.toString().contains("s3cr"), connection.toString());
        assertEquals("driver said ****, decoded ****", connection.redact("driver said s3cr%40t, decoded s3cr@t"));
        assertEquals(MongoConnection.DEFAULT_TIMEOUT, connection.timeout());
    }

    @Test
    void uriWithoutPasswordIsShownAsIs() {
        var connection = new MongoConnection("mongodb://127.0.0.1:27017/", "d", "c", Duration.ofSeconds(1));
        assertEquals("mongodb://127.0.0.1:27017/", connection.redactedUri());
        assertEquals("any text", connection.redact("any text"));
    }

    @Test
    void invalidSettingsAreRefusedWithoutThePassword() {
        var invalid = assertThrows(IllegalArgumentException.class,
                () -> new MongoConnection("mongodb://bob:hunter2@host:notaport/", "d", "c", null));
        assertFalse(invalid.getMessage().contains("hunter2"), invalid.getMessage());
        assertTrue(invalid.getMessage().contains("bob:****@"), invalid.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MongoConnection("mongodb://h/", " ", "c", null));
        assertThrows(IllegalArgumentException.class, () -> new MongoConnection("mongodb://h/", "d", "c", Duration.ZERO));
        var none = assertThrows(IllegalArgumentException.class, () -> new MongoConnection(null, "d", "c", null));
        assertTrue(none.getMessage().contains("MONGODB_URI"), none.getMessage());
    }

    @Test
    void aConnectionStringNoDriverAcceptsIsRefusedWithItsPasswordMasked() {
        for (String uri : List.of("http://user:hunter2x@127.0.0.1:1/", "mongdb://user:hunter2x@h/", "user:hunter2x@h:1",
                "mongodb://user:p@hunter2x@h/", "mongodb://user:hunter2x:more@h/", " mongodb+srv://user:hunter2x@h:1/")) {
            var invalid = assertThrows(IllegalArgumentException.class, () -> new MongoConnection(uri, "d", "c", null), uri);
            assertFalse(invalid.getMessage().contains("hunter2x") || invalid.getMessage().contains("2x"), invalid.getMessage());
            assertTrue(invalid.getMessage().contains("user:****@"), invalid.getMessage());
        }
    }

    @Test
    void aShortPasswordDoesNotGarbleTheDriversMessage() {
        var connection = new MongoConnection("mongodb://u:p@127.0.0.1:1/", "d", "c", null);
        assertEquals("mongodb://u:****@127.0.0.1:1/", connection.redactedUri());
        assertEquals("If the username or password contains a colon", connection.redact("If the username or password contains a colon"));
    }

    @Test
    void secretQueryParametersAreMaskedAndTheOthersKept() {
        var connection = new MongoConnection("mongodb://127.0.0.1:1,127.0.0.2:1/?authSource=admin&password=hunter2x",
                "d", "c", null);
        assertEquals("mongodb://127.0.0.1:1,127.0.0.2:1/?authSource=admin&password=**** d.c", connection.describe());
        assertEquals("driver: ****", connection.redact("driver: hunter2x"));
    }

    @Test
    void unreachableServerFailsWithinTheTimeoutInOneMaskedLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        var connection = new MongoConnection("mongodb://carol:topsecret@127.0.0.1:" + port + "/", "d", "c",
                Duration.ofMillis(1500));
        long started = System.nanoTime();
        var failure = assertThrows(MongoAccessException.class, () -> MongoRecordSource.open(connection, null, SCHEMA));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(seconds < 6, "took " + seconds + " s");
        String message = failure.getMessage();
        assertTrue(message.startsWith("cannot reach MongoDB at mongodb://carol:****@127.0.0.1:" + port + "/ d.c within 1500 ms"),
                message);
        assertFalse(message.contains("topsecret"), message);
        assertEquals(1, message.lines().count(), message);
    }
}
