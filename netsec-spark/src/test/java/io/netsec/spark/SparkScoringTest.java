package io.netsec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.cli.ExitCodes;
import io.netsec.cli.NetsecCommand;
import io.netsec.core.Detector;
import io.netsec.core.data.DataException;
import io.netsec.core.schema.LabelSpec;
import io.netsec.experiment.metrics.BinaryMetrics;
import io.netsec.experiment.metrics.MetricNames;
import io.netsec.experiment.metrics.MetricsCalculator;
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
    void theJobRejectsWrongUsageWithTheCommandLinesExitCode() {
        for (String[] args : List.of(new String[] {"train"}, new String[] {"score", "--model-dir", "m"},
                new String[] {"evaluate", "--model-dir", "m", "--input", "x.csv", "--bogus"},
                new String[] {"evaluate", "--model-dir", "m", "--input", "x.csv", "--partitions", "none"},
                new String[] {"evaluate", "--model-dir", "m", "--input", "x.csv", "--input-format", "json"})) {
            Job job = job(args);
            assertEquals(ExitCodes.USAGE, job.code(), job.err());
            assertTrue(job.err().startsWith("netsec-spark: "), job.err());
            assertTrue(job.err().contains("usage: NetsecSparkJob score"), job.err());
        }
        assertTrue(job("fit").err().contains("unknown command 'fit'"));
        assertEquals(List.of(0, 1, 2, 3, 64), List.of(NetsecSparkJob.OK, NetsecSparkJob.INTERNAL,
                NetsecSparkJob.INVALID_DATA, NetsecSparkJob.UNREADABLE, NetsecSparkJob.USAGE), "the CLI's exit codes");
        assertEquals(List.of(ExitCodes.OK, ExitCodes.INTERNAL, ExitCodes.INVALID_DATA, ExitCodes.IO, ExitCodes.USAGE),
                List.of(NetsecSparkJob.OK, NetsecSparkJob.INTERNAL, NetsecSparkJob.INVALID_DATA, NetsecSparkJob.UNREADABLE,
                        NetsecSparkJob.USAGE));
    }

    /** What the job printed and its exit status, run as spark-submit runs its main (without ending the JVM). */
    record Job(int code, String out, String err) {
    }

    static Job job(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NetsecSparkJob.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Job(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The phishing data with {@code value} in {@code column} of the 1-based data rows {@code rows}. */
    static Path phishingWith(String name, String column, String value, int... rows) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(DATA, StandardCharsets.UTF_8));
        int index = List.of(lines.get(0).split(",")).indexOf(column);
        for (int row : rows) {
            String[] cells = lines.get(row).split(",", -1);
            cells[index] = value;
            lines.set(row, String.join(",", cells));
        }
        Path file = work.resolve(name);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aBadRowEndsTheJobWithOneLineNamingPartitionRowFileAndColumn() throws IOException {
        Path bad = phishingWith("bad-early.csv", "SSLfinal_State", "5", 3);
        Job job = job("score", "--model-dir", model.toString(), "--input", bad.toString(), "--output",
                work.resolve("never").toString());
        assertEquals(ExitCodes.INVALID_DATA, job.code(), job.err());
        // The first partition reads the file from its start: the row within the file is known too.
        assertEquals("netsec-spark score: partition 0, row 3 (" + bad.toUri()
                + ", row 3), column 'SSLfinal_State': not an allowed value: '5'" + System.lineSeparator(), job.err());

        Job verbose = job("score", "--model-dir", model.toString(), "--input", bad.toString(), "--output",
                work.resolve("never").toString(), "--verbose");
        assertEquals(ExitCodes.INVALID_DATA, verbose.code());
        List<String> lines = verbose.err().lines().toList();
        assertEquals(job.err().strip(), lines.get(0));
        assertTrue(verbose.err().contains("Caused by: " + BadRowException.class.getName() + ": partition 0, row 3"),
                verbose.err());
        assertTrue(lines.size() > 10 && lines.get(2).startsWith("\tat "), verbose.err());
    }

    @Test
    void aBadRowDeepInTheFileIsNamedByItsPartitionAndTheRowWithinIt() throws IOException {
        Path bad = phishingWith("bad-late.csv", "URL_Length", "seven", 9_000);
        Dataset<Row> input = SparkTables.read(spark, bad.toString(), SparkTables.Format.CSV);
        // Where Spark reads that row: its partition and its place in it, counted by Spark itself.
        org.apache.spark.api.java.function.MapPartitionsFunction<Row, String> where = rows -> {
            List<String> found = new ArrayList<>();
            long row = 0;
            while (rows.hasNext()) {
                row++;
                if ("seven".equals(rows.next().getAs("URL_Length"))) {
                    found.add("partition " + org.apache.spark.TaskContext.getPartitionId() + ", row " + row);
                }
            }
            return found.iterator();
        };
        List<String> expected = input.mapPartitions(where, org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(1, expected.size());
        assertTrue(!expected.get(0).startsWith("partition 0,"), "the row is past the first partition: " + expected);

        Job job = job("evaluate", "--model-dir", model.toString(), "--input", bad.toString());
        assertEquals(ExitCodes.INVALID_DATA, job.code(), job.err());
        assertEquals(1, job.err().lines().count(), job.err());
        assertTrue(job.err().startsWith("netsec-spark evaluate: " + expected.get(0) + " ("), job.err());
        assertTrue(job.err().endsWith("bad-late.csv), column 'URL_Length': not an integer: 'seven'" + System.lineSeparator()),
                job.err());
    }

    @Test
    void aBadLabelInTheEvaluationIsNamedLikeABadFeature() throws IOException {
        Path bad = phishingWith("bad-label.csv", "Result", "7", 2);
        Job job = job("evaluate", "--model-dir", model.toString(), "--input", bad.toString());
        assertEquals(ExitCodes.INVALID_DATA, job.code(), job.err());
        assertTrue(job.err().matches("netsec-spark evaluate: partition 0, row 2 \\(file:\\S+bad-label.csv, row 2\\), "
                + "column 'Result': '7' is neither a threat nor a benign label\\R"), job.err());
    }

    @Test
    void aMissingBundleOrInputFileIsExitCode3AndAMissingColumnIs2() throws IOException {
        Job noBundle = job("evaluate", "--model-dir", work.resolve("no-model").toString(), "--input", DATA.toString());
        assertEquals(ExitCodes.IO, noBundle.code(), noBundle.err());
        assertEquals(1, noBundle.err().lines().count(), noBundle.err());
        assertTrue(noBundle.err().contains("no-model"), noBundle.err());

        Job noInput = job("evaluate", "--model-dir", model.toString(), "--input", work.resolve("nothing.csv").toString());
        assertEquals(ExitCodes.IO, noInput.code(), noInput.err());
        assertEquals(1, noInput.err().lines().count(), noInput.err());
        assertTrue(noInput.err().contains("nothing.csv"), noInput.err());

        List<String> lines = Files.readAllLines(DATA, StandardCharsets.UTF_8);
        Path narrow = work.resolve("narrow.csv");
        Files.write(narrow, lines.stream().map(line -> line.substring(line.indexOf(',') + 1)).toList());
        Job missing = job("evaluate", "--model-dir", model.toString(), "--input", narrow.toString());
        assertEquals(ExitCodes.INVALID_DATA, missing.code(), missing.err());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().contains("missing column"), missing.err());
    }
}
