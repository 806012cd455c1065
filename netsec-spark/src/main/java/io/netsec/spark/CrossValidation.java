package io.netsec.spark;

import io.netsec.core.transform.FittedTransform;
import io.netsec.experiment.metrics.BinaryMetrics;
import io.netsec.experiment.metrics.MetricsCalculator;
import io.netsec.experiment.search.CandidateResult;
import io.netsec.experiment.search.CandidateSelection;
import io.netsec.experiment.search.ScoringCost;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The candidates cross-validated on the training part, as {@code ModelSearch} does it: per fold,
 * the transformation fitted on the other folds' rows, each candidate fitted on them (seeded by
 * the fold) and scored on the fold by MLlib; the fold scores summarised, and each training row's
 * out-of-fold probability kept for the threshold.
 */
final class CrossValidation {

    static final String FOLD = "fold";
    static final String FEATURES = "features";

    static final StructType SCHEMA = new StructType()
            .add(TrainingRows.ROW, DataTypes.LongType, false)
            .add(TrainingRows.LABEL, DataTypes.DoubleType, false)
            .add(FOLD, DataTypes.IntegerType, false)
            .add(FEATURES, SQLDataTypes.VectorType(), false);

    private CrossValidation() {
    }

    /** The encoded rows as MLlib reads them: the label, the row's fold ({@link SparkTraining#TEST}: test) and its inputs. */
    static Dataset<Row> features(SparkSession spark, Dataset<Row> encoded, Broadcast<byte[]> assigned,
                                 ShippedTransform shipped) {
        JavaRDD<Row> rows = encoded.javaRDD().mapPartitions((Iterator<Row> it) -> {
            FittedTransform transform = shipped.transform();
            byte[] assignment = assigned.value();
            return new Iterator<Row>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Row next() {
                    Row row = it.next();
                    long index = row.getLong(0);
                    return RowFactory.create(index, (double) row.getInt(1),
                            assignment[(int) index] & SparkTraining.FOLD_BITS,
                            Vectors.dense(transform.apply(TrainingRows.raw(row))));
                }
            };
        });
        return spark.createDataFrame(rows, SCHEMA);
    }

    static List<CandidateResult> run(SparkSession spark, Dataset<Row> encoded, Broadcast<byte[]> assigned,
                                     TransformSample sample, int[] trainRows, int[] labels, List<int[]> folds,
                                     SparkTraining.Options options, Consumer<String> progress, long started) {
        List<MllibCandidate> candidates = options.candidates();
        int k = folds.size();
        double[][] outOfFold = new double[candidates.size()][trainRows.length];
        double[][] auc = new double[candidates.size()][k];
        double[] accuracy = new double[candidates.size()];
        double[] logLoss = new double[candidates.size()];
        double[] cost = new double[candidates.size()];
        for (int f = 0; f < k; f++) {
            FittedTransform transform = sample.fit(f);
            double[][] costInputs = sample.inputs(f, transform);
            Dataset<Row> frame = features(spark, encoded, assigned, new ShippedTransform(transform))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Dataset<Row> train = frame.filter(FOLD + " <> " + f + " AND " + FOLD + " <> " + SparkTraining.TEST);
                Dataset<Row> validation = frame.filter(FOLD + " = " + f);
                for (int c = 0; c < candidates.size(); c++) {
                    long fitStart = System.nanoTime();
                    Model<?> model = candidates.get(c).estimator(options.seed() + f).fit(train);
                    List<Row> scored = model.transform(validation).select(TrainingRows.ROW, "probability")
                            .collectAsList();
                    int[] foldLabels = new int[scored.size()];
                    double[] probabilities = new double[scored.size()];
                    for (int i = 0; i < probabilities.length; i++) {
                        int row = (int) scored.get(i).getLong(0);
                        foldLabels[i] = labels[row];
                        probabilities[i] = ((Vector) scored.get(i).get(1)).apply(1);
                        outOfFold[c][Arrays.binarySearch(trainRows, row)] = probabilities[i];
                    }
                    BinaryMetrics metrics = new MetricsCalculator(foldLabels, probabilities).compute(0.5);
                    auc[c][f] = metrics.rocAuc();
                    accuracy[c] += metrics.accuracy() / k;
                    logLoss[c] += metrics.logLoss() / k;
                    cost[c] += ScoringCost.perRecord(MllibExport.export(model, transform.outputWidth()), costInputs) / k;
                    progress.accept(String.format("search: fold %d/%d, %s: ROC AUC %.4f on %,d rows (fit and scoring"
                                    + " %s, %s elapsed)", f + 1, k, candidates.get(c).describe(), metrics.rocAuc(),
                            probabilities.length, SparkTraining.seconds(fitStart), SparkTraining.seconds(started)));
                }
            } finally {
                frame.unpersist();
            }
        }
        List<CandidateResult> results = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            results.add(new CandidateResult(candidates.get(c).family(), candidates.get(c).parameters(), true, null,
                    auc[c], CandidateSelection.mean(auc[c]), CandidateSelection.standardError(auc[c]), accuracy[c],
                    logLoss[c], cost[c], outOfFold[c]));
        }
        return results;
    }
}
