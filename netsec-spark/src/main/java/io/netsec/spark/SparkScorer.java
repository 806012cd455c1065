package io.netsec.spark;

import io.netsec.core.Detector;
import io.netsec.core.FamilyScore;
import io.netsec.core.Prediction;
import io.netsec.core.data.DataException;
import io.netsec.core.data.TableHeader;
import io.netsec.core.engine.RecordScorer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Scores a Spark DataFrame with a model bundle, like {@code netsec predict}: the result has every
 * input column, unchanged, then {@code prediction} (the label as the schema spells it) and
 * {@code probability} (of the threat class), and for a bundle that tells attack families apart
 * {@code family} (a threat's most probable family, else the benign class's name, as
 * {@link Detector#scoreFamilies} answers). The bundle is broadcast once and each executor
 * loads and verifies it once ({@link ShippedBundle}); each partition takes its own
 * {@link RecordScorer} and scores its rows with no per-row allocation beyond the row's values.
 *
 * <p>Each field reaches the encoder as the cell it stands for in a CSV file, by the one rule every
 * way in uses ({@link io.netsec.core.data.CellValue}): strings as they are, whole numbers in
 * {@code long}'s range as integers (so a Parquet {@code double} 1.0 reads as {@code 1}, as the
 * embedding API does), other numbers as their shortest text ({@code 0.1f} as {@code "0.1"}). A row that breaks the schema fails the job with
 * a {@link BadRowException} naming the partition, the row within it (and the input file and the row
 * within it, when Spark says) and the column, as {@code netsec predict} without
 * {@code --skip-invalid} stops; the driver finds it in the job's failure ({@link JobFailure}).
 */
public final class SparkScorer implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String PREDICTION = "prediction";
    public static final String PROBABILITY = "probability";
    /** The column a bundle of attack families adds. */
    public static final String FAMILY = "family";

    private final Broadcast<ShippedBundle> bundle;

    private SparkScorer(Broadcast<ShippedBundle> bundle) {
        this.bundle = bundle;
    }

    /** Reads and verifies the bundle at {@code modelDir} (a local path or a Hadoop URI) and broadcasts it. */
    public static SparkScorer load(SparkSession spark, String modelDir) {
        ShippedBundle shipped = ShippedBundle.read(modelDir, spark.sparkContext().hadoopConfiguration());
        Broadcast<ShippedBundle> broadcast = spark.sparkContext()
                .broadcast(shipped, scala.reflect.ClassTag$.MODULE$.apply(ShippedBundle.class));
        return new SparkScorer(broadcast);
    }

    /** The verified detector (on the driver). */
    public Detector detector() {
        return bundle.value().detector();
    }

    /** The broadcast bundle, for other distributed steps that need the detector on the executors. */
    public Broadcast<ShippedBundle> bundle() {
        return bundle;
    }

    /**
     * The scored DataFrame (lazy, like any transformation).
     *
     * @throws io.netsec.core.data.DataException at once, on the driver, when a feature column is missing
     * @throws IllegalArgumentException when the input already has a {@code prediction} or {@code probability} column
     *         (or {@code family}, for a bundle of attack families)
     */
    public Dataset<Row> score(Dataset<Row> input) {
        return score(input, null);
    }

    /**
     * As {@link #score(Dataset)}, counting the scored rows in {@code scoredRows} (when not null) as
     * the tasks run: an action's count without a second pass (a retried task counts twice).
     */
    public Dataset<Row> score(Dataset<Row> input, LongAccumulator scoredRows) {
        List<String> names = Arrays.asList(input.columns());
        Detector detector = detector();
        boolean families = detector.hasFamilies();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals(PREDICTION) || lower.equals(PROBABILITY) || families && lower.equals(FAMILY)) {
                throw new IllegalArgumentException("the input already has a column '" + name
                        + "'; drop or rename it before scoring");
            }
        }
        TableHeader.match("the input", names, detector.schema()).requireColumns(detector.schema(), true);
        StructType outputSchema = input.schema()
                .add(new StructField(PREDICTION, DataTypes.StringType, false, org.apache.spark.sql.types.Metadata.empty()))
                .add(new StructField(PROBABILITY, DataTypes.DoubleType, false, org.apache.spark.sql.types.Metadata.empty()));
        if (families) {
            outputSchema = outputSchema.add(new StructField(FAMILY, DataTypes.StringType, false,
                    org.apache.spark.sql.types.Metadata.empty()));
        }
        return input.mapPartitions(new ScorePartition(bundle, names, scoredRows), Encoders.row(outputSchema));
    }

    /** Scores one partition; runs on the executors. */
    private static final class ScorePartition implements MapPartitionsFunction<Row, Row> {

        private static final long serialVersionUID = 1L;

        private final Broadcast<ShippedBundle> bundle;
        private final List<String> names;
        private final LongAccumulator scoredRows;

        ScorePartition(Broadcast<ShippedBundle> bundle, List<String> names, LongAccumulator scoredRows) {
            this.bundle = bundle;
            this.names = new ArrayList<>(names);
            this.scoredRows = scoredRows;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Detector detector = bundle.value().detector();
            TaskContext task = TaskContext.get();
            String source = task == null ? "the input" : "partition " + task.partitionId() + " of the input";
            RecordScorer scorer = detector.recordScorer(TableHeader.match(source, names, detector.schema()));
            int width = names.size();
            boolean families = detector.hasFamilies();
            RowPosition position = new RowPosition();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    boolean more = rows.hasNext();
                    if (!more && scoredRows != null && position.rows() > 0) {
                        scoredRows.add(position.rows());
                        position.reset();
                    }
                    return more;
                }

                @Override
                public Row next() {
                    Row in = rows.next();
                    position.advance();
                    Object[] values = new Object[width];
                    for (int i = 0; i < width; i++) {
                        values[i] = in.get(i);
                    }
                    double probability;
                    FamilyScore family = null;
                    try {
                        if (families) {
                            family = detector.familyScoreOf(scorer.classProbabilities(position.rows(), values));
                            probability = family.threatProbability();
                        } else {
                            probability = scorer.probability(position.rows(), values);
                        }
                    } catch (DataException problem) {
                        throw position.failure(problem);
                    }
                    Prediction prediction = detector.predictionOf(probability);
                    Object[] out = Arrays.copyOf(values, width + (families ? 3 : 2));
                    out[width] = prediction.label();
                    out[width + 1] = probability;
                    if (families) {
                        out[width + 2] = family.family();
                    }
                    return RowFactory.create(out);
                }
            };
        }
    }
}
