package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netsec.cli.CliRunner.Run;
import io.netsec.core.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --models} names the families as the manifests record them, and refuses what a schema of families cannot train. */
class TrainModelsOptionTest {

    private static final Path NSLKDD_SCHEMA = CliRunner.REPO.resolve("data_schema/nslkdd.yaml");
    private static final Path NSLKDD_DATA = CliRunner.PHISHING_DATA.resolveSibling("nslkdd_train_head.txt");

    @TempDir
    Path dir;

    /** 'adaboost' used to select no candidate (the trainer calls itself adaboost_j48) and exit 64. */
    @Test
    void adaboostTrainsTheBoostedTreesRecordedAsAdaboostJ48() throws Exception {
        List<String> lines = Files.readAllLines(CliRunner.PHISHING_DATA).subList(0, 1_201);
        Path data = Files.write(dir.resolve("phishing-head.csv"), lines);
        Path model = dir.resolve("model");
        Run train = netsec("train", "--quiet", "--data", data.toString(), "--schema", CliRunner.PHISHING_SCHEMA.toString(),
                "--model-dir", model.toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--models", "adaboost", "--folds", "2", "--bootstrap", "10");
        assertEquals(0, train.exitCode(), train.err());
        assertEquals("adaboost_j48", ModelBundle.load(model).manifest().model().family());
    }

    @Test
    void adaboostWithASchemaOfFamiliesIsAUsageErrorSayingWhy() throws Exception {
        assumeTrue(Files.isRegularFile(NSLKDD_DATA), "the NSL-KDD head is not at " + NSLKDD_DATA.toAbsolutePath());
        Run train = netsec("train", "--quiet", "--data", NSLKDD_DATA.toString(), "--schema", NSLKDD_SCHEMA.toString(),
                "--model-dir", dir.resolve("model").toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--models", "j48,adaboost");
        assertEquals(64, train.exitCode(), train.err());
        assertTrue(train.err().contains("--models adaboost_j48 cannot train on the schema's attack families")
                && train.err().contains("threat or benign only"), train.err());
        assertFalse(train.err().contains("\tat "), "one line, no stack trace: " + train.err());
        assertFalse(Files.exists(dir.resolve("model").resolve("manifest.json")));
    }
}
