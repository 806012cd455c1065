package io.netsec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.cli.NetsecCommand;
import io.netsec.core.Detector;
import io.netsec.core.bundle.BundleManifest;
import io.netsec.core.bundle.ModelBundle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code NetsecSparkJob train} in local mode on the phishing data (11,055 rows) against
 * {@code netsec train} on the same file, seed and test fraction: the same split (DataSplitter
 * from the rows' classes), a test ROC AUC within 0.005, and a bundle that the CLI and
 * {@link Detector} take unchanged. Two candidates, three folds: a short search.
 */
class SparkTrainingTest {

    static final Path REPO = SparkScoringTest.REPO;
    static final Path DATA = SparkScoringTest.DATA;
    static final Path SCHEMA = REPO.resolve("data_schema/phishing.yaml");

    @TempDir
    static Path work;

    static SparkSession spark;
    static Path sparkModel;
    static Path cliModel;
    static String stdout;
    static String stderr;
    static int exitCode;

    @BeforeAll
    static void trainBoth() {
        cliModel = work.resolve("cli-model");
        netsec("train", "--quiet", "--data", DATA.toString(), "--schema", SCHEMA.toString(),
                "--model-dir", cliModel.toString(), "--runs-dir", work.resolve("runs").toString(),
                "--folds", "3", "--bootstrap", "200");
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("netsec-spark training tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                // about 4 input partitions of the 700 kB file: the rows' order must survive them
                .config("spark.sql.files.maxPartitionBytes", "200000")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
        sparkModel = work.resolve("spark-model");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        exitCode = NetsecSparkJob.run(new String[] {"train", "--schema", SCHEMA.toString(), "--input", DATA.toString(),
                        "--model-dir", sparkModel.toString(), "--models", "random_forest:trees=40:max_depth=12,logistic:l2_penalty=0.001", "--folds", "3",
                        "--bootstrap", "200", "--runs-dir", work.resolve("spark-runs").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        System.err.print(stderr); // the progress lines, in the test's report
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    static void netsec(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = NetsecCommand.newCommandLine();
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));
        int code = commandLine.execute(args);
        assertEquals(0, code, () -> "netsec " + String.join(" ", args) + " failed: " + err);
    }

    @Test
    void trainsOnTheSameSplitAsNetsecTrainAndScoresAsWellOnIt() {
        assertEquals(0, exitCode, () -> stderr);
        BundleManifest spark = ModelBundle.load(sparkModel).manifest();
        BundleManifest cli = ModelBundle.load(cliModel).manifest();
        assertEquals(cli.training().data().rows(), spark.training().data().rows());
        assertEquals(cli.training().data().threatRows(), spark.training().data().threatRows());
        assertEquals(cli.training().data().testRows(), spark.training().data().testRows());
        // the same test rows: the same copies of training rows among them (a count of the split itself)
        assertEquals(cli.training().data().testRowsWithCopyInTrain(), spark.training().data().testRowsWithCopyInTrain());
        assertEquals(cli.training().data().duplicateRows(), spark.training().data().duplicateRows());
        assertEquals(cli.training().data().distinctFeatureVectors(), spark.training().data().distinctFeatureVectors());
        assertEquals(cli.training().data().conflictingVectors(), spark.training().data().conflictingVectors());
        double sparkAuc = spark.metrics().test().rocAuc();
        double cliAuc = cli.metrics().test().rocAuc();
        assertTrue(Math.abs(sparkAuc - cliAuc) <= 0.005, "Spark's test ROC AUC " + sparkAuc + ", netsec train's " + cliAuc);
        assertEquals(2, spark.training().search().candidates().size());
        assertEquals(3, spark.training().search().folds());
        assertEquals(spark.model().family(), spark.training().search().selectedCandidate().family());
        assertTrue(spark.metrics().testCi95().containsKey("roc_auc"), () -> spark.metrics().testCi95().toString());
    }

    @Test
    void theBundleScoresExactlyAsMllibAndLoadsInTheCliUnchanged() throws IOException {
        assertEquals(0, exitCode, () -> stderr);
        BundleManifest manifest = ModelBundle.load(sparkModel).manifest();
        // every test row scored by the exported model and by MLlib (SparkTraining's export check)
        assertTrue(manifest.training().exportCheck().maxAbsDifferenceOnTest() <= 1e-12,
                () -> "difference " + manifest.training().exportCheck().maxAbsDifferenceOnTest());
        Detector detector = Detector.load(sparkModel);
        assertEquals(manifest.threshold().value(), detector.threshold());
        Path predictions = work.resolve("predicted.csv");
        netsec("predict", "--quiet", "--model-dir", sparkModel.toString(), "--input", DATA.toString(),
                "--output", predictions.toString());
        assertEquals(11_056, Files.readAllLines(predictions, StandardCharsets.UTF_8).size());
    }

    @Test
    void reportsEachStageCandidateAndFoldOnStderr() {
        assertEquals(0, exitCode, () -> stderr);
        List<String> lines = stderr.lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.contains("split: 11,055 rows")), stderr);
        for (int fold = 1; fold <= 3; fold++) {
            String tag = "search: fold " + fold + "/3, random_forest";
            assertTrue(lines.stream().anyMatch(line -> line.contains(tag)), () -> tag + " in " + stderr);
        }
        assertTrue(lines.stream().allMatch(line -> line.startsWith("[")), stderr);
        assertTrue(lines.stream().anyMatch(line -> line.contains("selected: ")), stderr);
        assertTrue(stdout.startsWith("Trained "), stdout);
    }

    @Test
    void recordsTheRunInItsRunFolderWithoutAServer() throws IOException {
        assertEquals(0, exitCode, () -> stderr);
        List<Path> runs;
        try (var folders = Files.list(work.resolve("spark-runs"))) {
            runs = folders.toList();
        }
        assertEquals(1, runs.size());
        for (String file : List.of("manifest.json", "candidates.json", "run.log", "mlflow-record.json")) {
            assertTrue(Files.isRegularFile(runs.get(0).resolve(file)), file);
        }
        assertTrue(Files.readString(runs.get(0).resolve("run.log")).contains("search: fold 3/3"));
        assertTrue(Files.readString(runs.get(0).resolve("mlflow-record.json")).contains("\"test_roc_auc\""));
    }

    @Test
    void refusesASchemaOfAttackFamiliesAndOpenCategoriesWithExitCode2() throws IOException {
        Path open = work.resolve("open.yaml");
        Files.writeString(open, """
                name: open
                columns:
                  - {name: protocol, type: categorical}
                  - {name: label, type: string, role: label}
                label: {column: label, threat: ["1"], benign: ["0"]}
                """, StandardCharsets.UTF_8);
        for (Path schema : List.of(REPO.resolve("data_schema/nslkdd.yaml"), open)) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = NetsecSparkJob.run(new String[] {"train", "--schema", schema.toString(), "--input", DATA.toString(),
                            "--model-dir", work.resolve("refused").toString()},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, message);
            assertTrue(message.startsWith("netsec-spark train: " + schema), message);
            assertTrue(message.contains(schema == open ? "'protocol'" : "attack families"), message);
            assertEquals(1, message.lines().count(), message);
        }
        assertTrue(Files.notExists(work.resolve("refused")));
    }
}
