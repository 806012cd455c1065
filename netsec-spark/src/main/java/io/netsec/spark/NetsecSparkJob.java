package io.netsec.spark;

import io.netsec.core.bundle.BundleJson;
import io.netsec.core.data.DataException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The spark-submit entry point.
 *
 * <pre>
 * spark-submit --class io.netsec.spark.NetsecSparkJob netsec-spark-job.jar score \
 *     --model-dir final_model --input traffic.csv --output scored [--output-format parquet] [--evaluate]
 * spark-submit --class io.netsec.spark.NetsecSparkJob netsec-spark-job.jar evaluate \
 *     --model-dir final_model --input labelled.parquet [--metrics-out metrics.json]
 * spark-submit --class io.netsec.spark.NetsecSparkJob netsec-spark-job.jar train \
 *     --schema schema.yaml --input labelled.csv --model-dir final_model [--models gbt,logistic]
 * </pre>
 *
 * Without a master from spark-submit ({@code spark.master}) it runs on {@code local[*]}. It ends as
 * the command line does: one line on stderr naming what is wrong and where (a bad row: its partition,
 * row and column), the command line's exit codes, and the stack trace only with {@code --verbose}.
 */
public final class NetsecSparkJob {

    static final String HELP = """
            usage: NetsecSparkJob score    --model-dir DIR --input PATH --output PATH [options]
                   NetsecSparkJob evaluate --model-dir DIR --input PATH [options]
                   NetsecSparkJob train    --schema FILE --input PATH --model-dir DIR [options]
              --model-dir DIR        the model bundle (a local folder or a Hadoop URI: hdfs://, s3a://)
              --input PATH           the rows: a CSV file or folder, or Parquet (by extension, or --input-format)
              --input-format F       csv or parquet
              --output PATH          score: the folder the scored rows go to (replaced)
              --output-format F      csv or parquet (default: by the output's extension, else csv)
              --partitions N         repartition the input into N partitions before scoring
              --evaluate             score: also print the metrics (the input must have the label column)
              --metrics-out FILE     write the metrics as JSON to this local file
              --schema FILE          train: the data schema (a local file)
              --models LIST          train: random_forest, gbt, logistic (default: all; two settings each)
              --folds N              train: cross-validation folds on the training part (default 5)
              --seed N               train: seeds the split, folds, fits and bootstrap (default 42)
              --test-fraction F      train: share of rows held out for the one test (default 0.2)
              --bootstrap N          train: resamples for the test metrics' 95%% intervals (default 1000)
              --transform-rows N     train: at most N training rows fit the transformation (default 500000)
              --runs-dir DIR         train: record the run in a run folder here (default runs, with a server)
              --tracking-uri URI     train: MLflow server to record the run in (default: $MLFLOW_TRACKING_URI)
              --experiment NAME      train: MLflow experiment (default netsec)
              --registered-model M   train: registered model in MLflow's registry (default netsec-detector)
              --mlflow-user NAME     train: who trained, as MLflow shows it (default: the system's user)
              --verbose              print the stack trace of a failure
            exit codes: 0 done, 1 internal error, 2 a row or the data breaks the schema,
                        3 the bundle or a file cannot be read, 64 wrong usage
            """;

    // The command line's exit codes (io.netsec.cli.ExitCodes; the job jar does not carry the CLI).
    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int INVALID_DATA = 2;
    static final int UNREADABLE = 3;
    static final int USAGE = 64;

    private NetsecSparkJob() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != OK) {
            System.exit(code);
        }
    }

    /**
     * Runs the job as {@link #main} does, without ending the JVM.
     *
     * @return the exit code: 0 done, 1 internal error, 2 bad data, 3 unreadable bundle or file, 64 wrong usage
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        String command;
        try {
            if (args.length == 0 || !List.of("score", "evaluate", "train").contains(args[0])) {
                throw new IllegalArgumentException(args.length == 0 ? "no command" : "unknown command '" + args[0] + "'");
            }
            command = args[0];
            options = parse(args);
            require(options, "--model-dir");
            require(options, "--input");
            if (command.equals("score")) {
                require(options, "--output");
            }
            if (command.equals("train")) {
                require(options, "--schema");
                SparkTrainCommand.options(options);
            }
            checkValues(options);
        } catch (IllegalArgumentException e) {
            err.println("netsec-spark: " + e.getMessage());
            err.print(HELP);
            err.flush();
            return USAGE;
        }
        try {
            return execute(command, options, out, err);
        } catch (Exception e) {
            JobFailure failure = JobFailure.of(e);
            err.println("netsec-spark " + command + ": " + failure.message());
            if (options.containsKey("--verbose")) {
                e.printStackTrace(err);
            }
            err.flush();
            return failure.exitCode();
        }
    }

    private static int execute(String command, Map<String, String> options, PrintStream out, PrintStream err)
            throws IOException {
        SparkConf conf = new SparkConf().setAppName("netsec " + command);
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            if (command.equals("train")) {
                return SparkTrainCommand.run(spark, options, out, err);
            }
            long started = System.nanoTime();
            SparkScorer scorer = SparkScorer.load(spark, options.get("--model-dir"));
            String inputPath = options.get("--input");
            Dataset<Row> input = SparkTables.read(spark, inputPath,
                    SparkTables.Format.of(options.get("--input-format"), inputPath), scorer.detector().schema());
            if (options.containsKey("--partitions")) {
                input = input.repartition(Integer.parseInt(options.get("--partitions").trim()));
            }
            var scoredRows = spark.sparkContext().longAccumulator("scored rows");
            Dataset<Row> scored;
            try {
                scored = scorer.score(input, scoredRows);
            } catch (IllegalArgumentException e) { // the input has a column the output adds
                throw new DataException(inputPath, 0, null, e.getMessage());
            }
            boolean evaluate = command.equals("evaluate") || options.containsKey("--evaluate");
            if (command.equals("score")) {
                String output = options.get("--output");
                SparkTables.Format format = SparkTables.Format.of(options.get("--output-format"), output);
                if (evaluate) {
                    scored = scored.cache();
                }
                SparkTables.write(scored, output, format);
                long rows = scoredRows.value();
                out.printf("Scored %,d rows in %.1f s: %s (%s)%n", rows, (System.nanoTime() - started) / 1e9,
                        output, format.name().toLowerCase(java.util.Locale.ROOT));
            }
            if (evaluate) {
                SparkEvaluation.Result result = SparkEvaluation.evaluate(scorer, scored);
                out.printf("Metrics over %,d labelled rows at threshold %.4f:%n", result.rows(), result.threshold());
                result.asMap().forEach((name, value) -> out.printf("  %-20s %.4f%n", name, value));
                var confusion = result.metrics().confusion();
                out.printf("  confusion: TP %d, FP %d, TN %d, FN %d%n", confusion.truePositives(),
                        confusion.falsePositives(), confusion.trueNegatives(), confusion.falseNegatives());
                if (options.containsKey("--metrics-out")) {
                    Map<String, Object> report = new LinkedHashMap<>();
                    report.put("rows", result.rows());
                    report.put("threshold", result.threshold());
                    report.put("metrics", result.asMap());
                    report.put("confusion_matrix", confusion);
                    java.nio.file.Files.writeString(java.nio.file.Path.of(options.get("--metrics-out")),
                            BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report),
                            StandardCharsets.UTF_8);
                }
            }
            out.flush();
            return OK;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> flags = List.of("--evaluate", "--verbose");
        List<String> valued = new ArrayList<>(List.of("--model-dir", "--input", "--input-format", "--output",
                "--output-format", "--partitions", "--metrics-out"));
        if (args[0].equals("train")) {
            valued.addAll(SparkTrainCommand.VALUED);
        }
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            if (flags.contains(arg)) {
                options.put(arg, "true");
            } else if (valued.contains(arg)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    value = args[++i];
                }
                options.put(arg, value);
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return options;
    }

    /** Values that would otherwise fail inside Spark as an internal error. */
    private static void checkValues(Map<String, String> options) {
        for (String format : List.of("--input-format", "--output-format", "--format")) {
            String value = options.get(format);
            if (value != null && !List.of("csv", "parquet").contains(value.trim().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException(format + " must be csv or parquet, not '" + value + "'");
            }
        }
        String partitions = options.get("--partitions");
        if (partitions != null) {
            int count;
            try {
                count = Integer.parseInt(partitions.trim());
            } catch (NumberFormatException e) {
                count = 0;
            }
            if (count < 1) {
                throw new IllegalArgumentException("--partitions must be a whole number of at least 1, not '" + partitions + "'");
            }
        }
    }

    private static void require(Map<String, String> options, String name) {
        if (!options.containsKey(name)) {
            throw new IllegalArgumentException("missing " + name);
        }
    }
}
