package io.netsec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.cli.NetsecCommand;
import io.netsec.core.Detector;
import io.netsec.core.data.DataException;
import io.netsec.core.schema.LabelSpec;
import io.netsec.training.metrics.BinaryMetrics;
import io.netsec.training.metrics.MetricNames;
import io.netsec.training.metrics.MetricsCalculator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Spark in local mode against the command line on the phishing data (11,055 rows): the bundle is
 * trained with {@code netsec train} and the reference output written by {@code netsec predict},
 * both run in-process.
 */
class SparkScoringTest {

    static final Path REPO = Path.of(System.getProperty("netsec.repo.dir", ".."));
    static final Path DATA = Path.of(System.getProperty("netsec.data.dir", "../../shared/data")).resolve("phisingData.csv");

    @TempDir
    static Path work;

    static SparkSession spark;
    static Path model;
    static List<String> cliLines;

    @BeforeAll
    static void trainPredictAndStartSpark() throws IOException {
        model = work.resolve("model");
        netsec("train", "--quiet", "--data", DATA.toString(), "--schema", REPO.resolve("data_schema/phishing.yaml").toString(),
                "--model-dir", model.toString(), "--runs-dir", work.resolve("runs").toString(),
                "--models", "logistic,j48", "--bootstrap", "50");
        Path cliOutput = work.resolve("cli.csv");
        netsec("predict", "--quiet", "--model-dir", model.toString(), "--input", DATA.toString(), "--output", cliOutput.toString());
        cliLines = Files.readAllLines(cliOutput, StandardCharsets.UTF_8);
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("netsec-spark tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                // about 4 input partitions of the 700 kB file, so that tasks run side by side
                .config("spark.sql.files.maxPartitionBytes", "200000")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static void netsec(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = NetsecCommand.newCommandLine();
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));
        int code = commandLine.execute(args);
        assertEquals(0, code, () -> "netsec " + String.join(" ", args) + " failed: " + err);
    }

    private static List<String> partLines(Path folder, String suffix) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(folder)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")
                    && p.getFileName().toString().endsWith(suffix)).sorted().toList()) {
                List<String> partLines = Files.readAllLines(part, StandardCharsets.UTF_8);
                lines.addAll(lines.isEmpty() ? partLines : partLines.subList(1, partLines.size()));
            }
        }
        return lines;
    }

    @Test
    void csvScoringWritesTheSameFileAsNetsecPredict() throws IOException {
        int loadsBefore = ShippedBundle.loadsInThisJvm();
        SparkScorer scorer = SparkScorer.load(spark, model.toString());
        Dataset<Row> input = SparkTables.read(spark, DATA.toString(), SparkTables.Format.CSV);
        assertTrue(input.rdd().getNumPartitions() >= 2, "the input should span several partitions");
        Path output = work.resolve("spark-csv");
        SparkTables.write(scorer.score(input), output.toString(), SparkTables.Format.CSV);

        List<String> sparkLines = partLines(output, ".csv");
        assertEquals(11_056, cliLines.size());
        assertEquals(cliLines.size(), sparkLines.size());
        for (int i = 0; i < cliLines.size(); i++) {
            assertEquals(cliLines.get(i), sparkLines.get(i), "line " + (i + 1));
        }
        // One verification on the driver (the executors share its JVM in local mode), none per partition.
        assertTrue(ShippedBundle.loadsInThisJvm() - loadsBefore <= 1);
    }

    @Test
    void parquetInputWithIntegerColumnsScoresLikeTheCli() throws IOException {
        Dataset<Row> text = SparkTables.read(spark, DATA.toString(), SparkTables.Format.CSV);
        // An extra column the schema does not know (kept, like any input column) that numbers the
        // rows in file order, as Parquet part files need not come back in order.
        List<Column> columns = new ArrayList<>(java.util.Arrays.stream(text.columns())
                .map(name -> functions.col(name).cast("int").alias(name)).toList());
        columns.add(functions.monotonically_increasing_id().alias("row_id"));
        Column[] typed = columns.toArray(Column[]::new);
        Path parquet = work.resolve("phishing.parquet");
        SparkTables.write(text.select(typed), parquet.toString(), SparkTables.Format.PARQUET);

        SparkScorer scorer = SparkScorer.load(spark, model.toString());
        Path output = work.resolve("spark-parquet");
        SparkTables.write(scorer.score(SparkTables.read(spark, parquet.toString(), SparkTables.Format.PARQUET)),
                output.toString(), SparkTables.Format.PARQUET);
        Dataset<Row> scored = spark.read().parquet(output.toString());
        List<String> expectedColumns = new ArrayList<>(List.of(text.columns()));
        expectedColumns.addAll(List.of("row_id", "prediction", "probability"));
        assertEquals(expectedColumns, List.of(scored.columns()));
        List<Row> rows = scored.orderBy("row_id").select("Result", "prediction", "probability").collectAsList();
        assertEquals(cliLines.size() - 1, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] cli = cliLines.get(i + 1).split(",");
            Row row = rows.get(i);
            assertEquals(Integer.parseInt(cli[cli.length - 3]), row.getInt(0), "label of row " + (i + 1));
            assertEquals(cli[cli.length - 2], row.getString(1), "prediction of row " + (i + 1));
            assertEquals(Double.parseDouble(cli[cli.length - 1]), row.getDouble(2), "probability of row " + (i + 1));
        }
    }

    @Test
    void evaluationGivesTheMetricsOfTheSingleProcessCalculator() {
        SparkScorer scorer = SparkScorer.load(spark, model.toString());
        Dataset<Row> scored = scorer.score(SparkTables.read(spark, DATA.toString(), SparkTables.Format.CSV));
        SparkEvaluation.Result result = SparkEvaluation.evaluate(scorer, scored);

        Detector detector = Detector.load(model);
        LabelSpec label = detector.schema().label();
        int n = cliLines.size() - 1;
        int[] labels = new int[n];
        double[] probabilities = new double[n];
        for (int i = 0; i < n; i++) {
            String[] cells = cliLines.get(i + 1).split(",");
            labels[i] = label.classify(cells[cells.length - 3]) == LabelSpec.LabelClass.THREAT ? 1 : 0;
            probabilities[i] = Double.parseDouble(cells[cells.length - 1]);
        }
        BinaryMetrics expected = new MetricsCalculator(labels, probabilities).compute(detector.threshold());
        assertEquals(n, result.rows());
        assertEquals(expected.confusion(), result.metrics().confusion());
        Map<String, Double> expectedMap = MetricNames.asMap(expected);
        assertEquals(expectedMap.keySet(), result.asMap().keySet());
        expectedMap.forEach((name, value) -> assertEquals(value, result.asMap().get(name), 1e-12, name));
    }

    @Test
    void aMissingFeatureColumnFailsOnTheDriverNamingIt() {
        SparkScorer scorer = SparkScorer.load(spark, model.toString());
        Dataset<Row> input = SparkTables.read(spark, DATA.toString(), SparkTables.Format.CSV).drop("SSLfinal_State");
        DataException problem = assertThrows(DataException.class, () -> scorer.score(input));
        assertTrue(problem.getMessage().contains("SSLfinal_State"), problem.getMessage());
    }

    @Test
    void theJobScoresToParquetAndPrintsTheMetrics() throws Exception {
        Path output = work.resolve("job-out.parquet");
        Path metrics = work.resolve("metrics.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NetsecSparkJob.run(new String[] {"score", "--model-dir", model.toString(), "--input", DATA.toString(),
                "--output", output.toString(), "--evaluate", "--metrics-out", metrics.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("Scored 11,055 rows"), printed);
        assertTrue(printed.contains("roc_auc"), printed);
        assertTrue(Files.readString(metrics).contains("\"false_positive_rate\""));
        assertEquals(11_055, spark.read().parquet(output.toString()).count());
    }

    @Test
    void theJobRejectsAnUnknownCommand() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NetsecSparkJob.run(new String[] {"train"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'train'"));
    }
}
