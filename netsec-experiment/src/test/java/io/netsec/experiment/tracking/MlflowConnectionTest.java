package io.netsec.experiment.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MlflowConnectionTest {

    @Test
    void theOptionWinsOverTheEnvironmentAndCredentialsComeFromTheEnvironment() {
        Map<String, String> environment = Map.of("MLFLOW_TRACKING_URI", "http://env:5000",
                "MLFLOW_TRACKING_TOKEN", "s3cret-token");
        MlflowConnection connection = MlflowConnection.resolve("http://option:5000/", environment).orElseThrow();
        assertEquals("http://option:5000", connection.uri().toString());
        assertEquals("s3cret-token", connection.token());
        assertEquals("Bearer s3cret-token", connection.request("/health").build().headers().firstValue("Authorization").orElseThrow());
        assertEquals("http://env:5000", MlflowConnection.resolve(null, environment).orElseThrow().uri().toString());
        assertTrue(MlflowConnection.resolve(null, Map.of()).isEmpty(), "no server named: nothing needs one");
    }

    @Test
    void secretsNeverShowInItsText() {
        MlflowConnection connection = MlflowConnection.resolve("https://alice:pa55word@mlflow.example:443/",
                Map.of("MLFLOW_TRACKING_USERNAME", "bob", "MLFLOW_TRACKING_PASSWORD", "hunter2")).orElseThrow();
        assertFalse(connection.toString().contains("pa55word"), connection.toString());
        assertFalse(connection.toString().contains("hunter2"), connection.toString());
        assertTrue(connection.request("/x").build().headers().firstValue("Authorization").orElseThrow().startsWith("Basic "));
    }

    @Test
    void aUriNoClientAcceptsIsRefusedWithItsSecretsMasked() {
        for (String uri : java.util.List.of("htp://user:hunter2x@127.0.0.1:1", "user:hunter2x@127.0.0.1:1",
                "http://user:p@hunter2x@127.0.0.1:1", "http://user:pa ss hunter2x@127.0.0.1:1")) {
            var refused = assertThrows(IllegalArgumentException.class, () -> MlflowConnection.resolve(uri, Map.of()), uri);
            assertFalse(refused.getMessage().contains("hunter2x") || refused.getMessage().contains("2x"), refused.getMessage());
        }
    }

    @Test
    void secretQueryParametersAndTheirEchoesAreMasked() {
        MlflowConnection connection = MlflowConnection.open("http://user:hunter2x@127.0.0.1:5000/?token=tok3nx");
        assertEquals("http://127.0.0.1:5000/?token=****", connection.toString());
        assertEquals("client said **** and ****", connection.mask("client said hunter2x and tok3nx"));
        var published = new PublishedRun("http://u:hunter2x@h:1", "1", "r", java.util.List.of(), java.util.List.of(), null, null);
        assertEquals("http://u:****@h:1", published.server());
        var status = new TrackingStatus(TrackingStatus.State.PENDING, "http://u:hunter2x@h:1",
                "MLflow at http://u:hunter2x@h:1 failed", java.util.List.of(), null);
        assertEquals("http://u:****@h:1", status.server());
        assertEquals("MLflow at http://u:****@h:1 failed", status.lastError());
    }

    @Test
    void onlyHttpServersAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> MlflowConnection.open("file:///tmp/mlruns"));
    }
}
