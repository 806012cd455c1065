package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.cli.CliRunner.Run;
import io.netsec.core.bundle.BundleJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-family figures of a schema with families (NSL-KDD's first 2,000 rows: normal, dos,
 * probe and r2l; no u2r row), in {@code netsec train}'s report, its run record (MLflow metrics
 * and the confusion picture) and {@code netsec evaluate}.
 */
class FamilyReportsTest {

    private static final Path SCHEMA = CliRunner.REPO.resolve("data_schema/nslkdd.yaml");
    private static final Path DATA = CliRunner.PHISHING_DATA.resolveSibling("nslkdd_train_head.txt");

    @TempDir
    Path dir;

    private Path head() throws Exception {
        assumeTrue(Files.isRegularFile(DATA), "the NSL-KDD head is not at " + DATA.toAbsolutePath());
        return Files.write(dir.resolve("head.txt"), Files.readAllLines(DATA).subList(0, 2_000));
    }

    @Test
    void trainReportsEachFamilyAndRecordsItsFiguresAndConfusionPicture() throws Exception {
        Path runs = dir.resolve("runs");
        Run train = netsec("train", "--quiet", "--data", head().toString(), "--schema", SCHEMA.toString(),
                "--model-dir", dir.resolve("model").toString(), "--runs-dir", runs.toString(),
                "--models", "j48", "--folds", "2", "--bootstrap", "50");
        assertEquals(0, train.exitCode(), train.err());
        String out = train.out();
        assertTrue(out.contains("  confusion matrix     TP "), "the binary figures stay: " + out);
        assertTrue(out.contains("Per family (test part; a threat's family is its most probable threat family):"), out);
        assertTrue(out.contains("  class         precision    recall        f1   support  recall 95% CI"), out);
        for (String row : List.of("normal", "dos", "probe", "r2l", "macro avg", "weighted avg")) {
            assertTrue(out.lines().anyMatch(line -> line.startsWith("  " + row + " ")), row + " in " + out);
        }
        assertTrue(out.contains("  macro ROC AUC (one-vs-rest) "), out);
        assertTrue(out.contains("  confusion matrix (rows: actual class, columns: class called)"), out);

        Path run;
        try (var folders = Files.list(runs)) {
            run = folders.toList().get(0);
        }
        assertTrue(Files.size(run.resolve("plots/family_confusion_matrix.png")) > 0);
        JsonNode metrics = BundleJson.MAPPER.readTree(run.resolve("mlflow-record.json").toFile()).get("metrics");
        for (String name : List.of("test_recall_dos", "test_precision_probe", "test_f1_r2l", "test_support_normal",
                "test_macro_f1", "test_weighted_f1", "test_macro_roc_auc_ovr", "test_macro_f1_ci95_low",
                "test_recall_dos_ci95_high", "test_confusion_dos_dos", "test_roc_auc")) {
            assertTrue(metrics.has(name), name + " in " + metrics);
        }
        assertFalse(metrics.has("test_recall_u2r"), "u2r has no row in this data, so no class in the model");
    }

    @Test
    void evaluateReportsTheBinaryAndThePerFamilyFigures() throws Exception {
        Path data = head();
        Run text = netsec("evaluate", "--quiet", "--data", data.toString(), "--schema", SCHEMA.toString(),
                "--folds", "2", "--inner-folds", "2", "--models", "j48");
        assertEquals(0, text.exitCode(), text.err());
        String out = text.out();
        assertTrue(out.contains("  accuracy "), "the binary figures: " + out);
        assertTrue(out.contains("Per family, pooled over the 2 folds (their confusion matrices summed):"), out);
        assertTrue(out.lines().anyMatch(line -> line.startsWith("  dos ")), out);
        assertTrue(out.contains("Per family, mean ± standard deviation over the folds:"), out);
        assertTrue(out.lines().anyMatch(line -> line.startsWith("  recall_dos ")), out);
        assertTrue(out.lines().anyMatch(line -> line.matches("  fold  1: .* macro F1 \\d\\.\\d{4}, .*")), out);

        Run json = netsec("evaluate", "--quiet", "--data", data.toString(), "--schema", SCHEMA.toString(),
                "--folds", "2", "--inner-folds", "2", "--models", "j48", "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode report = BundleJson.MAPPER.readTree(json.out());
        assertEquals(List.of("normal", "dos", "probe", "r2l"),
                BundleJson.MAPPER.convertValue(report.at("/families/classes"), List.class));
        long rows = 0;
        for (JsonNode row : report.at("/families/confusion")) {
            for (JsonNode cell : row) {
                rows += cell.asLong();
            }
        }
        assertEquals(2_000, rows, "every row is tested once over the folds");
        assertTrue(report.at("/mean/macro_f1").isNumber());
    }

    @Test
    void evaluateRefusesACandidateThatCannotLearnFamiliesAsTrainDoes() throws Exception {
        Run run = netsec("evaluate", "--quiet", "--data", head().toString(), "--schema", SCHEMA.toString(),
                "--folds", "2", "--models", "j48,adaboost");
        assertEquals(64, run.exitCode(), run.err());
        assertTrue(run.err().contains("--models adaboost_j48 cannot train on the schema's attack families"), run.err());
    }
}
