package io.netsec.cli;

import static io.netsec.cli.CliRunner.netsec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.cli.CliRunner.Run;
import io.netsec.core.bundle.BundleJson;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.synthetic.SyntheticData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train, predict and evaluate on the generated network-traffic fixture (numeric and categorical
 * columns, missing values, a label of attack names): the same code that serves the phishing data.
 */
class TrainPredictCommandTest {

    @TempDir
    static Path dir;

    static Path traffic;
    static Path model;

    @BeforeAll
    static void trainOnTheTrafficFixture() throws Exception {
        traffic = dir.resolve("traffic.csv");
        SyntheticData.of(SchemaLoader.load(CliRunner.TRAFFIC_SCHEMA).schema(), 7).withMissingRate(0.1).write(1500, traffic);
        model = dir.resolve("model");
        Run run = netsec("train", "--data", traffic.toString(), "--schema", CliRunner.TRAFFIC_SCHEMA.toString(),
                "--model-dir", model.toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--models", "logistic,j48", "--bootstrap", "100", "--mlflow-user", "alice");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Selected model: "), run.out());
        assertTrue(run.out().matches("(?s).*Data: 1,500 rows \\([0-9,]+ attack\\);.*"), "the threats by the schema's name: " + run.out());
    }

    @Test
    void trainWritesAVerifiedBundleAndARunFolder() throws Exception {
        JsonNode manifest = BundleJson.MAPPER.readTree(model.resolve("manifest.json").toFile());
        assertEquals("network_traffic", manifest.get("schema_name").asText());
        assertTrue(manifest.at("/metrics/test/accuracy").asDouble() > 0.6, "the generated signal is learnable");
        assertEquals(1500, manifest.at("/training/data/rows").asInt());
        List<Path> runs;
        try (var files = Files.list(dir.resolve("runs"))) {
            runs = files.toList();
        }
        assertEquals(1, runs.size());
        for (String file : List.of("manifest.json", "metrics.json", "candidates.json", "validation.json", "run.log")) {
            assertTrue(Files.isRegularFile(runs.get(0).resolve(file)), file);
        }
        // The record MLflow gets (now or at 'runs sync'): who trained (--mlflow-user) and when.
        JsonNode record = BundleJson.MAPPER.readTree(runs.get(0).resolve("mlflow-record.json").toFile());
        assertEquals("alice", record.at("/tags/mlflow.user").asText());
        long start = record.path("start_time").asLong(-1);
        long end = record.path("end_time").asLong(-1);
        assertTrue(start > 0 && end >= start, record.path("start_time") + " .. " + record.path("end_time"));
        assertTrue(start <= Files.getLastModifiedTime(model.resolve("manifest.json")).toMillis()
                && end >= Files.getLastModifiedTime(model.resolve("manifest.json")).toMillis(),
                "the bundle was written between the run's start and end");
    }

    /**
     * The bundle is an MLflow Model too, in the model folder and in the run folder's copy (the
     * one uploaded to MLflow): the same files, listed in its checksums, verified on load.
     */
    @Test
    void trainWritesTheMlflowModelFilesIntoTheBundleAndItsCopyInTheRunFolder() throws Exception {
        JsonNode manifest = BundleJson.MAPPER.readTree(model.resolve("manifest.json").toFile());
        assertEquals(5, manifest.get("format_version").asInt(), "files attached (3) and the reference (5)");
        Path copy;
        try (var files = Files.list(dir.resolve("runs"))) {
            copy = files.toList().get(0).resolve("model");
        }
        List<String> mlflowFiles = List.of("MLmodel", "model.onnx", "code/netsec_onnx_pyfunc.py", "requirements.txt",
                "python_env.yaml", "conda.yaml", "input_example.json", "serving_input_example.json");
        String checksums = Files.readString(model.resolve("checksums.sha256"));
        for (String file : mlflowFiles) {
            assertTrue(checksums.contains("  " + file + "\n"), file + " listed: " + checksums);
            assertArrayEquals(Files.readAllBytes(model.resolve(file)), Files.readAllBytes(copy.resolve(file)), file);
        }
        assertTrue(Files.readString(model.resolve("MLmodel")).contains("loader_module: netsec_onnx_pyfunc"));
        assertEquals(mlflowFiles, io.netsec.core.bundle.ModelBundle.load(copy).attached().names(),
                "the run folder's copy loads, every file verified");
    }

    /** A transformation ONNX cannot express: the bundle, without the MLflow files, and one line that says so. */
    @Test
    void aKnnImputedBundleIsWrittenWithoutTheMlflowFilesAndOneLineOfWarning() throws Exception {
        Path small = dir.resolve("small.csv");
        SyntheticData.of(SchemaLoader.load(CliRunner.TRAFFIC_SCHEMA).schema(), 3).withMissingRate(0.1).write(300, small);
        Path knnModel = dir.resolve("knn-model");
        Run run = netsec("train", "--data", small.toString(), "--schema", CliRunner.TRAFFIC_SCHEMA.toString(),
                "--model-dir", knnModel.toString(), "--runs-dir", dir.resolve("knn-runs").toString(),
                "--models", "j48", "--imputation", "knn", "--folds", "2", "--bootstrap", "0");
        assertEquals(0, run.exitCode(), run.err());
        List<String> warnings = run.err().lines().filter(line -> line.contains("MLflow")).toList();
        assertEquals(1, warnings.size(), run.err());
        assertTrue(warnings.get(0).startsWith("warning: the bundle is written without the MLflow Model files (MLmodel,"
                + " model.onnx): it cannot be exported to ONNX: the bundle imputes missing values from their k nearest"
                + " neighbours"), warnings.get(0));
        assertFalse(Files.exists(knnModel.resolve("MLmodel")));
        assertFalse(Files.exists(knnModel.resolve("code")));
        assertEquals(5, BundleJson.MAPPER.readTree(knnModel.resolve("manifest.json").toFile()).get("format_version").asInt(),
                "no files attached, the training data's reference: version 5");
    }

    @Test
    void predictWritesEveryInputColumnPlusPredictionAndProbability() throws Exception {
        Path scored = dir.resolve("scored.csv");
        Run run = netsec("predict", "--model-dir", model.toString(), "--input", traffic.toString(),
                "--output", scored.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(scored);
        assertEquals(1501, lines.size());
        assertTrue(lines.get(0).endsWith(",label,prediction,probability"), lines.get(0));
        assertTrue(lines.get(0).startsWith("id,duration,protocol_type"), lines.get(0));
        assertTrue(lines.stream().skip(1).allMatch(l -> l.matches(".*,(attack|normal),[0-9.E-]+")), "labels as the schema names them");
        assertTrue(run.out().matches("(?s)Scored 1,500 rows \\([0-9,]+ attack, [0-9.]+%; [0-9,]+ normal\\) in .*"),
                "the summary names the classes as the schema does: " + run.out());
    }

    @Test
    void predictStopsAtABadRowNamingItOrSkipsItIntoARejectFile() throws Exception {
        List<String> lines = Files.readAllLines(traffic);
        lines.set(3, lines.get(3).replaceFirst("^([^,]*),[^,]*,", "$1,soon,"));
        Path broken = dir.resolve("broken.csv");
        Files.write(broken, lines);
        Path out = dir.resolve("broken-scored.csv");

        Run stopped = netsec("predict", "--model-dir", model.toString(), "--input", broken.toString(), "--output", out.toString());
        assertEquals(ExitCodes.INVALID_DATA, stopped.exitCode());
        assertTrue(stopped.err().contains("row 3, column 'duration': not a number: 'soon'"), stopped.err());
        assertFalse(Files.exists(out), "no partial output");

        Run skipped = netsec("predict", "--model-dir", model.toString(), "--input", broken.toString(), "--output",
                out.toString(), "--skip-invalid");
        assertEquals(0, skipped.exitCode(), skipped.err());
        assertEquals(1500, Files.readAllLines(out).size(), "1,499 rows and the header");
        List<String> rejects = Files.readAllLines(Path.of(out + ".rejects.csv"));
        assertEquals(2, rejects.size());
        assertTrue(rejects.get(1).startsWith("3,"), rejects.get(1));
        assertTrue(skipped.out().contains("Rejected 1 rows"), skipped.out());
    }

    @Test
    void predictGivesTheSameFileWhateverTheThreadsAndRefusesNone() throws Exception {
        Path input = dir.resolve("traffic-40k.csv"); // several 1 MB blocks
        SyntheticData.of(SchemaLoader.load(CliRunner.TRAFFIC_SCHEMA).schema(), 11).withMissingRate(0.1).write(40_000, input);
        assertTrue(Files.size(input) > 2 << 20, "size " + Files.size(input));
        Path one = dir.resolve("one-thread.csv");
        Path three = dir.resolve("three-threads.csv");
        assertEquals(0, netsec("predict", "--quiet", "--model-dir", model.toString(), "--input", input.toString(),
                "--output", one.toString(), "--threads", "1").exitCode());
        assertEquals(0, netsec("predict", "--quiet", "--model-dir", model.toString(), "--input", input.toString(),
                "--output", three.toString(), "--threads", "3").exitCode());
        assertEquals(Files.readAllLines(one), Files.readAllLines(three));
        Run none = netsec("predict", "--model-dir", model.toString(), "--input", input.toString(), "--threads", "0");
        assertEquals(ExitCodes.USAGE, none.exitCode());
        assertTrue(none.err().contains("--threads must be at least 1"), none.err());
    }

    @Test
    void theRunThatRecordsTheAheadOfTimeCacheScoresAgainButWritesAndReportsOnlyItsOwnRun() throws Exception {
        Path plain = dir.resolve("plain.csv");
        Path recording = dir.resolve("recording.csv");
        Run first = netsec("predict", "--model-dir", model.toString(), "--input", traffic.toString(), "--output", plain.toString());
        Run training;
        System.setProperty(PredictCommand.AOT_TRAINING, "true");
        try {
            training = netsec("predict", "--model-dir", model.toString(), "--input", traffic.toString(),
                    "--output", recording.toString());
        } finally {
            System.clearProperty(PredictCommand.AOT_TRAINING);
        }
        assertEquals(0, training.exitCode(), training.err());
        assertEquals(Files.readAllLines(plain), Files.readAllLines(recording));
        assertEquals(first.out().replaceAll("in [0-9.]+ s", "in _ s").replace(plain.toString(), "OUT"),
                training.out().replaceAll("in [0-9.]+ s", "in _ s").replace(recording.toString(), "OUT"));
    }

    @Test
    void predictNamesAMissingInputFileWithExitCodeThree() {
        Path missing = dir.resolve("nowhere.csv");
        Run run = netsec("predict", "--model-dir", model.toString(), "--input", missing.toString());
        assertEquals(ExitCodes.IO, run.exitCode());
        assertEquals("netsec predict: " + missing + ": no such file or folder", run.err().strip());
    }

    @Test
    void predictRefusesATamperedBundle() throws Exception {
        Path copy = dir.resolve("tampered");
        Files.createDirectories(copy);
        try (var files = Files.walk(model)) { // the code/ folder too
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(model.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        Files.writeString(copy.resolve("model.json"), Files.readString(copy.resolve("model.json")).replaceFirst("[0-9]", "7"));
        Run run = netsec("predict", "--model-dir", copy.toString(), "--input", traffic.toString(),
                "--output", dir.resolve("never.csv").toString());
        assertEquals(ExitCodes.IO, run.exitCode());
        assertTrue(run.err().contains("model.json: checksum mismatch"), run.err());
    }

    @Test
    void trainRefusesDataThatBreaksTheSchemaAndWritesNoBundle() throws Exception {
        List<String> lines = Files.readAllLines(traffic);
        lines.set(5, lines.get(5).replaceFirst(",(tcp|udp|icmp),", ",sctp,"));
        Path broken = dir.resolve("broken-train.csv");
        Files.write(broken, lines);
        Path target = dir.resolve("never-model");
        Run run = netsec("train", "--data", broken.toString(), "--schema", CliRunner.TRAFFIC_SCHEMA.toString(),
                "--model-dir", target.toString(), "--runs-dir", dir.resolve("never-runs").toString(), "--models", "logistic");
        assertEquals(ExitCodes.INVALID_DATA, run.exitCode());
        assertTrue(run.err().contains("row 5, column 'protocol_type'"), run.err());
        assertFalse(Files.exists(target));
    }

    @Test
    void evaluateReportsMeanAndDeviationOfEveryMetricAsJson() throws Exception {
        Run run = netsec("evaluate", "--data", traffic.toString(), "--schema", CliRunner.TRAFFIC_SCHEMA.toString(),
                "--folds", "3", "--inner-folds", "2", "--models", "logistic,j48", "--json", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = BundleJson.MAPPER.readTree(run.out());
        assertEquals(3, report.get("per_fold").size());
        assertTrue(report.at("/mean/accuracy").asDouble() > 0.6);
        assertTrue(report.at("/standard_deviation/roc_auc").isNumber());
        assertFalse(report.has("families"), "a schema without families: no per-family part");
        assertEquals(8, report.get("mean").size(), "the binary figures only, as before families");
    }

    @Test
    void evaluateWritesEachRowsOuterFoldTheSameForTheSameSeed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.util.List<java.util.List<String>> written = new java.util.ArrayList<>();
        for (String name : java.util.List.of("first.csv", "second.csv")) {
            Path folds = dir.resolve(name);
            Run run = netsec("evaluate", "--data", traffic.toString(), "--schema", CliRunner.TRAFFIC_SCHEMA.toString(),
                    "--folds", "3", "--inner-folds", "2", "--models", "j48", "--quiet", "--folds-out", folds.toString());
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("3-fold cross-validation of the whole pipeline (stratified, seed 42, 1500 rows;"
                    + " precision, recall and F1 of the threat class, attack):"), "the summary names the threat class: " + run.out());
            written.add(java.nio.file.Files.readAllLines(folds));
        }
        java.util.List<String> lines = written.get(0);
        assertEquals(written.get(0), written.get(1), "the same folds for the same seed");
        assertEquals("row,fold", lines.get(0));
        long rows = java.nio.file.Files.lines(traffic).count() - 1;
        assertEquals(rows + 1, lines.size(), "one line per data row");
        int[] perFold = new int[4];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            assertEquals(i - 1, Integer.parseInt(cells[0]), "rows in file order");
            perFold[Integer.parseInt(cells[1])]++;
        }
        assertEquals(0, perFold[0], "every row in a fold");
        for (int fold = 1; fold <= 3; fold++) {
            assertEquals(rows / 3.0, perFold[fold], 1.0, "fold " + fold + " holds a third of the rows");
        }
    }

    @Test
    void trainWritesEachRowsPartOfTheSplitItTrainedOn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path split = dir.resolve("split.csv");
        Path model = dir.resolve("model");
        Run run = netsec("train", "--data", traffic.toString(), "--schema", CliRunner.TRAFFIC_SCHEMA.toString(),
                "--models", "j48", "--folds", "2", "--bootstrap", "0", "--quiet", "--model-dir", model.toString(),
                "--runs-dir", dir.resolve("runs").toString(), "--split-out", split.toString());
        assertEquals(0, run.exitCode(), run.err());
        java.util.List<String> lines = Files.readAllLines(split);
        assertEquals("row,part", lines.get(0));
        long rows = Files.lines(traffic).count() - 1;
        assertEquals(rows + 1, lines.size(), "one line per data row");
        long test = lines.stream().skip(1).filter(line -> line.endsWith(",test")).count();
        long train = lines.stream().skip(1).filter(line -> line.endsWith(",train")).count();
        JsonNode manifest = BundleJson.MAPPER.readTree(model.resolve("manifest.json").toFile());
        assertEquals(manifest.at("/training/data/test_rows").asLong(), test);
        assertEquals(manifest.at("/training/data/train_rows").asLong(), train);
        assertEquals("full", manifest.at("/training/search/budget/method").asText());
        assertEquals(train, manifest.at("/training/search/budget/final_fit_rows").asLong());
    }

    @Test
    void trainRefusesAnUnknownSearchBudgetAsUsage() {
        Run run = netsec("train", "--data", traffic.toString(), "--schema", CliRunner.TRAFFIC_SCHEMA.toString(),
                "--search", "everything");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--search must be auto or full, got 'everything'"), run.err());
    }
}
