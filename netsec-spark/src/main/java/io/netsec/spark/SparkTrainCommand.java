package io.netsec.spark;

import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.DataException;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.experiment.search.CandidateResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code NetsecSparkJob train}: {@code netsec train}'s protocol on Spark ({@link SparkTraining}),
 * the bundle written to a local folder on the driver, progress on stderr and a summary on stdout.
 */
final class SparkTrainCommand {

    static final List<String> VALUED = java.util.stream.Stream.concat(Stream.of("--schema", "--input", "--input-format",
            "--format", "--model-dir", "--models", "--folds", "--seed", "--test-fraction", "--bootstrap", "--transform-rows"),
            SparkTracking.VALUED.stream()).toList();

    private SparkTrainCommand() {
    }

    /** The training options from the command line, checked (wrong usage: {@link IllegalArgumentException}). */
    static SparkTraining.Options options(Map<String, String> options) {
        List<String> models = options.containsKey("--models")
                ? Arrays.stream(options.get("--models").split(",")).filter(name -> !name.isBlank()).toList() : List.of();
        SparkTracking.connection(options); // a malformed URI is wrong usage, found before training
        return new SparkTraining.Options(
                number(options, "--test-fraction", "0.2"),
                (int) whole(options, "--folds", "5"),
                whole(options, "--seed", "42"),
                MllibCandidate.grid(models),
                (int) whole(options, "--bootstrap", "1000"),
                (int) whole(options, "--transform-rows", "500000"));
    }

    static int run(SparkSession spark, Map<String, String> options, PrintStream out, PrintStream err) throws IOException {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        SparkTraining.Options training = options(options);
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        String schemaFile = options.get("--schema");
        LoadedSchema schema = SchemaLoader.load(Path.of(schemaFile));
        try {
            SparkTraining.requireTrainable(schema);
        } catch (IllegalArgumentException e) { // the schema asks for what the Spark training does not do
            throw new DataException(schemaFile, -1, null, e.getMessage());
        }
        String inputPath = options.get("--input");
        String format = options.getOrDefault("--input-format", options.get("--format"));
        Dataset<Row> input = SparkTables.read(spark, inputPath, SparkTables.Format.of(format, inputPath), schema.schema());
        Consumer<String> progress = line -> {
            String stamped = String.format("[%s] %s", SparkTraining.seconds(started), line);
            log.add(stamped);
            err.println(stamped);
            err.flush();
        };
        SparkTraining.Result result = SparkTraining.train(spark, input, schema, inputPath, training, progress);
        Path modelDir = Path.of(options.get("--model-dir"));
        ModelBundle written = result.bundle().writeTo(modelDir);
        CandidateResult selected = result.candidates().get(result.selected());
        out.printf("Trained %s on %,d rows (%,d held out) in %.1f s: %s%n", selected.describe(), result.trainRows(),
                result.testRows(), (System.nanoTime() - started) / 1e9, modelDir);
        out.printf("  CV ROC AUC %.4f ± %.4f; test ROC AUC %.4f, F1 %.4f at threshold %.4f%n", selected.meanRocAuc(),
                selected.standardError(), result.test().rocAuc(), result.test().f1(), result.threshold());
        out.printf("  export check: the bundle's probabilities differ from MLlib's by at most %.3g on the test rows%n",
                written.manifest().training().exportCheck().maxAbsDifferenceOnTest());
        out.flush();
        try {
            SparkTracking.record(result.withBundle(written), modelDir, options, startedAt, log, progress, out, err);
        } catch (IOException | RuntimeException e) {
            // The bundle is written; only the record is missing (netsec train says the same).
            err.printf("netsec-spark train: warning: the model is saved, but its run record could not be written: %s%n",
                    e.getMessage() == null ? e : e.getMessage());
            err.flush();
        }
        return NetsecSparkJob.OK;
    }

    private static double number(Map<String, String> options, String name, String fallback) {
        String value = options.getOrDefault(name, fallback).trim();
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }

    private static long whole(Map<String, String> options, String name, String fallback) {
        String value = options.getOrDefault(name, fallback).trim();
        try {
            long number = Long.parseLong(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of at least 0, not '" + value + "'");
        }
    }
}
