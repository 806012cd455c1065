package io.netsec.training.tracking;

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
    void onlyHttpServersAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> MlflowConnection.open("file:///tmp/mlruns"));
    }
}
