package io.netsec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.model.PortableModel;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.transform.FittedTransform;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exported models answer MLlib's own probability on every row of the phishing data
 * (11,055 rows, the transformation fitted on them all): a random forest bit for bit, gradient
 * boosting and logistic regression within 1e-12 (MLlib's dot products may add in another order).
 */
class MllibExportTest {

    static SparkSession spark;
    static Dataset<Row> frame;
    static int width;

    @BeforeAll
    static void encodePhishing() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("netsec-spark export tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
        LoadedSchema schema = SchemaLoader.load(SparkTrainingTest.SCHEMA);
        Dataset<Row> input = SparkTables.read(spark, SparkTrainingTest.DATA.toString(), SparkTables.Format.CSV,
                schema.schema());
        List<List<String>> vocabularies = TrainingRows.vocabularies(schema.schema());
        Dataset<Row> encoded = TrainingRows.encode(spark, input, schema, vocabularies, "phishing").cache();
        int[] labels = TrainingRows.labels(encoded);
        byte[] assignment = new byte[labels.length];
        Arrays.fill(assignment, (byte) SparkTraining.SAMPLE); // every row in fold 0 and in the sample
        Broadcast<byte[]> assigned = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(assignment);
        int[] all = java.util.stream.IntStream.range(0, labels.length).toArray();
        FittedTransform transform = TransformSample.collect(encoded, assigned, all, schema.schema(), vocabularies,
                "phishing").fit(-1);
        width = transform.outputWidth();
        frame = CrossValidation.features(spark, encoded, assigned, new ShippedTransform(transform)).cache();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** The largest difference between the exported model and MLlib over every row of {@code data}. */
    static double largestDifference(Predictor<?, ?, ?> estimator, Dataset<Row> data, int inputs) {
        return largestDifference(estimator, data, data, inputs);
    }

    /** As above, the model fitted on {@code fitOn}. */
    static double largestDifference(Predictor<?, ?, ?> estimator, Dataset<Row> fitOn, Dataset<Row> data, int inputs) {
        Model<?> model = estimator.fit(fitOn);
        PortableModel portable = MllibExport.export(model, inputs);
        List<Row> rows = model.transform(data).select(CrossValidation.FEATURES, "probability").collectAsList();
        assertEquals(data.count(), rows.size());
        double largest = 0;
        for (Row row : rows) {
            double mllib = ((Vector) row.get(1)).apply(1);
            double exported = portable.threatProbability(((Vector) row.get(0)).toArray());
            largest = Math.max(largest, Math.abs(mllib - exported));
        }
        return largest;
    }

    @Test
    void aRandomForestExportsBitForBit() {
        assertEquals(0.0, largestDifference(new RandomForestClassifier().setNumTrees(20).setMaxDepth(12).setSeed(3),
                frame, width));
    }

    @Test
    void gradientBoostedTreesExportWithinAFloatBound() {
        double difference = largestDifference(new GBTClassifier().setMaxIter(15).setMaxDepth(4).setSeed(3), frame, width);
        assertTrue(difference <= 1e-12, "difference " + difference);
    }

    @Test
    void logisticRegressionExportsWithinAFloatBound() {
        double difference = largestDifference(new LogisticRegression().setRegParam(0.001), frame, width);
        assertTrue(difference <= 1e-12, "difference " + difference);
    }

    @Test
    void aValueOnAThresholdGoesLeftAsInMllib() {
        // MLlib splits 0 and 1 at 0.5 and sends x <= 0.5 left; netsec-core sends x < threshold left.
        Dataset<Row> data = spark.createDataFrame(List.of(
                RowFactory.create(0L, 0.0, 0, Vectors.dense(0.0)), RowFactory.create(1L, 0.0, 0, Vectors.dense(0.0)),
                RowFactory.create(2L, 1.0, 0, Vectors.dense(1.0)), RowFactory.create(3L, 1.0, 0, Vectors.dense(1.0)),
                RowFactory.create(4L, 0.0, 0, Vectors.dense(0.5))), CrossValidation.SCHEMA);
        for (Predictor<?, ?, ?> estimator : List.<Predictor<?, ?, ?>>of(
                new RandomForestClassifier().setNumTrees(1).setMaxDepth(1).setSubsamplingRate(1).setBootstrap(false),
                new GBTClassifier().setMaxIter(2).setMaxDepth(1))) {
            Dataset<Row> train = data.filter(TrainingRows.ROW + " < 4");
            assertEquals(0.0, largestDifference(estimator, train, data, 1), 1e-12,
                    () -> estimator.getClass().getSimpleName() + " on the row at its threshold");
        }
    }
}
