package io.netsec.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialMaskTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // valid connection strings and URLs
            "mongodb://alice:s3cret@db.example:27017/admin?tls=false | mongodb://alice:****@db.example:27017/admin?tls=false",
            "mongodb+srv://alice:s3cret@cluster.example/?retryWrites=true&w=majority | mongodb+srv://alice:****@cluster.example/?retryWrites=true&w=majority",
            "http://user:pass@127.0.0.1:1 | http://user:****@127.0.0.1:1",
            "https://ghp_abcdef123@github.example/x.zip | https://****@github.example/x.zip",
            // a mistyped or missing scheme
            "mongdb://user:hunter2@127.0.0.1:27017/ | mongdb://user:****@127.0.0.1:27017/",
            "htp://user:hunter2@host | htp://user:****@host",
            "user:hunter2@127.0.0.1:27017 | user:****@127.0.0.1:27017",
            "//user:hunter2@host/ | //user:****@host/",
            "mongodb:user:hunter2@host | mongodb:****@host",
            "mongodb:/user:hunter2@host | mongodb:****@host",
            "\"  mongodb://user:hunter2@host/\" | \"  mongodb://user:****@host/\"",
            // an unencoded @, : or / in the password: everything up to the last @ is user information
            "mongodb://u:p@ssw0rd@127.0.0.1:1/ | mongodb://u:****@127.0.0.1:1/",
            "http://user:p@ss:w@rd@h:1/x | http://user:****@h:1/x",
            "mongodb://u:pa/ss@host/db | mongodb://u:****@host/db",
            "mongodb://u:pa?ss@host/db | mongodb://u:****@host/db",
            // percent-encoding, several hosts
            "mongodb://alice:s3cr%40t@h1:1,h2:2,h3:3/db?replicaSet=rs0 | mongodb://alice:****@h1:1,h2:2,h3:3/db?replicaSet=rs0",
            "mongodb://al%3Aice:p%2Fw@h/ | mongodb://al%3Aice:****@h/",
            // query parameters: secrets masked, the rest kept
            "mongodb://127.0.0.1:1/?password=hunter2&authSource=admin | mongodb://127.0.0.1:1/?password=****&authSource=admin",
            "mongodb://u:p1@h/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:abc | mongodb://u:****@h/?authMechanism=MONGODB-AWS&authMechanismProperties=****",
            "http://h/x?token=abc&api_key=def&X-Amz-Signature=0f&sig=12&page=2 | http://h/x?token=****&api_key=****&X-Amz-Signature=****&sig=****&page=2",
            "http://h/x?Pass%77ord=abc | http://h/x?Pass%77ord=****",
            "http://h/?password=a@b | http://h/?password=****",
            // nothing secret
            "mongodb://127.0.0.1:27017/ | mongodb://127.0.0.1:27017/",
            "https://archive.ics.uci.edu/static/public/327/phishing+websites.zip | https://archive.ics.uci.edu/static/public/327/phishing+websites.zip",
            "not a uri at all | not a uri at all",
            "models:/netsec-detector@champion | models:/netsec-detector@champion",
            "file:/home/me@corp/x.zip | file:/home/me@corp/x.zip",
            "\"\" | \"\"",
    })
    void masksTheSecretsOfAnyUri(String uri, String expected) {
        assertEquals(expected, CredentialMask.uri(uri));
        assertEquals(expected, CredentialMask.uri(expected), "masking is idempotent");
    }

    @Test
    void anAtSignInTheQueryMasksMoreRatherThanLess() {
        // Which @ ends the user information cannot be told from the text: the last one is taken.
        String masked = CredentialMask.uri("mongodb://u:pw1@h/?appName=me@corp&password=zz9");
        assertFalse(masked.contains("pw1") || masked.contains("zz9"), masked);
    }

    @Test
    void nullStaysNull() {
        assertNull(CredentialMask.uri(null));
        assertNull(CredentialMask.text(null, List.of("mongodb://u:p@h/")));
    }

    @Test
    void textMasksTheUriWholeAndItsPasswordAloneRawAndDecoded() {
        String uri = "mongodb://alice:s3cr%40t@db.example:27017/";
        String text = "invalid connection string " + uri + ": driver said s3cr%40t, decoded s3cr@t";
        assertEquals("invalid connection string mongodb://alice:****@db.example:27017/: driver said ****, decoded ****",
                CredentialMask.text(text, List.of(uri)));
    }

    @Test
    void textMasksAUriThatNoParserAccepts() {
        String uri = "http://user:pa ssB@127.0.0.1:1";
        String text = "java.lang.IllegalArgumentException: Illegal character in authority at index 14: " + uri;
        String masked = CredentialMask.text(text, List.of(uri));
        assertFalse(masked.contains("ssB") || masked.contains("pa ss"), masked);
        assertTrue(masked.endsWith("http://user:****@127.0.0.1:1"), masked);
    }

    @Test
    void textMasksEveryUriWithASchemeEvenUnknownOnes() {
        String masked = CredentialMask.text("MLflow at http://bob:hunter2@h:5000 failed (see https://tok3n@h2/x?token=abc)",
                List.of());
        assertEquals("MLflow at http://bob:****@h:5000 failed (see https://****@h2/x?token=****)", masked);
    }

    @Test
    void shortPasswordsAreMaskedOnlyWhereTheUriIsWhole() {
        String uri = "mongodb://u:p@127.0.0.1:1/";
        String masked = CredentialMask.text("the password of " + uri + " is wrong", List.of(uri));
        assertEquals("the password of mongodb://u:****@127.0.0.1:1/ is wrong", masked);
    }

    @Test
    void blankAndNullUrisAreSkipped() {
        List<String> uris = new java.util.ArrayList<>();
        uris.add(null);
        uris.add(" ");
        assertEquals("as is", CredentialMask.text("as is", uris));
    }

    @Test
    void stackTracesAreMaskedCausesIncluded() {
        String uri = "mongdb://user:hunter2@h/";
        var failure = new IllegalStateException("outer", new IllegalArgumentException("bad string " + uri + " (hunter2)"));
        String trace = CredentialMask.stackTrace(failure, List.of(uri));
        assertFalse(trace.contains("hunter2"), trace);
        assertTrue(trace.contains("Caused by: java.lang.IllegalArgumentException: bad string mongdb://user:****@h/ (****)"),
                trace);
    }

    @Test
    void tellsWhatLooksLikeAUri() {
        assertTrue(CredentialMask.looksLikeUri("mongdb://h/"));
        assertTrue(CredentialMask.looksLikeUri("user:pass@host"));
        assertTrue(CredentialMask.looksLikeUri("u:p@ss@host"));
        assertFalse(CredentialMask.looksLikeUri("data@home.csv"));
        assertFalse(CredentialMask.looksLikeUri("models:/netsec-detector@champion"));
        assertFalse(CredentialMask.looksLikeUri("--mongodb-uri"));
        assertFalse(CredentialMask.looksLikeUri("{\"a\": \"b\"}"));
        assertFalse(CredentialMask.looksLikeUri(null));
    }
}
