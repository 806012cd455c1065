package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.cli.CliRunner.Run;
import io.netsec.core.Detector;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartCommandTest {

    @TempDir
    Path dir;

    @Test
    void validatesTrainsWritesTheBundleAndSaysHowToUseIt() {
        Path model = dir.resolve("final_model");
        Run run = netsec("quickstart", "--data", CliRunner.PHISHING_DATA.toString(),
                "--schema", CliRunner.PHISHING_SCHEMA.toString(), "--model-dir", model.toString(),
                "--runs-dir", dir.resolve("runs").toString(), "--models", "logistic", "--bootstrap", "50");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("11,055 rows valid; 5,206 repeat an earlier row; 64 feature vectors occur with both labels"),
                run.err());
        assertTrue(run.out().contains("Selected model: logistic"), run.out());
        assertTrue(run.out().contains("Score a file:   ./netsec predict --model-dir " + model), run.out());
        assertEquals("phishing", Detector.load(model).schema().name());
    }
}
