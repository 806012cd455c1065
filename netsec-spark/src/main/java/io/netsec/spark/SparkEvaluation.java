package io.netsec.spark;

import io.netsec.core.Detector;
import io.netsec.core.data.CellValue;
import io.netsec.core.data.DataException;
import io.netsec.core.data.TableHeader;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.LabelSpec;
import io.netsec.experiment.metrics.BinaryMetrics;
import io.netsec.experiment.metrics.MetricNames;
import io.netsec.experiment.metrics.MetricsCalculator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The metrics of {@code netsec evaluate} and of training's test report (accuracy, precision,
 * recall, F1, ROC AUC, PR AUC, log loss, false-positive rate, confusion matrix) over a labelled,
 * scored DataFrame of any size.
 *
 * <p>The executors reduce the rows to counts per distinct (probability, class) pair; the driver
 * gets those counts alone (a bundle's model gives few distinct probabilities compared with rows:
 * at most one per distinct feature vector) and hands them to the same
 * {@link MetricsCalculator} as row weights, so the figures are those the single-process code
 * computes on the same rows (log loss up to the order of a floating-point sum).
 */
public final class SparkEvaluation {

    private SparkEvaluation() {
    }

    /**
     * What an evaluation found.
     *
     * @param rows      labelled rows evaluated
     * @param threshold the bundle's decision threshold the counts use
     * @param metrics   the figures
     */
    public record Result(long rows, double threshold, BinaryMetrics metrics) {

        /** The metrics by the names manifests, reports and MLflow use. */
        public Map<String, Double> asMap() {
            return MetricNames.asMap(metrics);
        }
    }

    /**
     * Evaluates {@code scored} (the output of {@link SparkScorer#score}, still holding the label
     * column) at the bundle's threshold.
     *
     * @throws DataException when the label column is missing (at once, on the driver); a label that is empty or
     *                       unknown fails the job with a {@link BadRowException} naming partition, row and column
     */
    public static Result evaluate(SparkScorer scorer, Dataset<Row> scored) {
        Detector detector = scorer.detector();
        DataSchema schema = detector.schema();
        List<String> names = Arrays.asList(scored.columns());
        TableHeader header = TableHeader.match("the scored input", names, schema);
        int labelColumn = header.sourceIndex(schema.labelIndex());
        if (labelColumn < 0) {
            throw new DataException("the input", 0, schema.label().column(), "evaluation needs the label column");
        }
        int probabilityColumn = names.indexOf(SparkScorer.PROBABILITY);
        String labelName = names.get(labelColumn);
        var bundle = scorer.bundle(); // the lambda takes the broadcast, not the (unserializable) schema
        MapPartitionsFunction<Row, Tuple2<Double, Integer>> classify = rows -> {
            LabelSpec label = bundle.value().detector().schema().label();
            RowPosition position = new RowPosition();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Tuple2<Double, Integer> next() {
                    Row row = rows.next();
                    position.advance();
                    String text = CellValue.textOf(row.get(labelColumn));
                    if (text == null || text.isBlank()) {
                        throw position.failure(new DataException("the input", position.rows(), labelName,
                                "evaluation needs a label on every row"));
                    }
                    LabelSpec.LabelClass labelClass = label.classify(text);
                    if (labelClass == null) {
                        throw position.failure(new DataException("the input", position.rows(), labelName,
                                "'" + text + "' is neither a threat nor a benign label"));
                    }
                    return new Tuple2<>(row.getDouble(probabilityColumn), labelClass == LabelSpec.LabelClass.THREAT ? 1 : 0);
                }
            };
        };
        List<Row> counts = scored.mapPartitions(classify, Encoders.tuple(Encoders.DOUBLE(), Encoders.INT()))
                .toDF("probability", "threat")
                .groupBy("probability", "threat").count()
                .collectAsList();
        return fromCounts(counts, detector.threshold());
    }

    /** The metrics of rows given as (probability, threat 1/0, count) rows. */
    static Result fromCounts(List<Row> counts, double threshold) {
        List<double[]> entries = new ArrayList<>();
        long rows = 0;
        for (Row count : counts) {
            long n = count.getLong(2);
            rows += n;
            // A weight is an int: split a count past 2^31 - 1 into several entries.
            while (n > 0) {
                long part = Math.min(n, Integer.MAX_VALUE);
                entries.add(new double[] {count.getDouble(0), count.getInt(1), part});
                n -= part;
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no labelled rows to evaluate");
        }
        int[] labels = new int[entries.size()];
        double[] probabilities = new double[entries.size()];
        int[] weights = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            probabilities[i] = entries.get(i)[0];
            labels[i] = (int) entries.get(i)[1];
            weights[i] = (int) entries.get(i)[2];
        }
        BinaryMetrics metrics = new MetricsCalculator(labels, probabilities).compute(threshold, weights);
        return new Result(rows, threshold, metrics);
    }
}
