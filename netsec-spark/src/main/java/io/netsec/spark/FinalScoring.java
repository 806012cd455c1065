package io.netsec.spark;

import io.netsec.core.model.PortableModel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The one scoring of the test part: on the executors, each row by the exported portable model
 * (what the bundle will answer) beside MLlib's own probability, and each input's contribution to
 * the exported model's raw score (the manifest's importance).
 */
final class FinalScoring {

    private FinalScoring() {
    }

    /**
     * @param labels                   each test row's label, in row order
     * @param probabilities            the exported model's threat probability of each
     * @param exportDifference         the largest difference from MLlib's probability
     * @param meanAbsoluteContribution each input's mean absolute contribution to the raw score
     */
    record Scored(int[] labels, double[] probabilities, double exportDifference, double[] meanAbsoluteContribution) {
    }

    static Scored score(Model<?> model, Dataset<Row> test, int width) {
        Dataset<Row> predicted = model.transform(test)
                .select(TrainingRows.ROW, TrainingRows.LABEL, CrossValidation.FEATURES, "probability");
        List<double[]> rows = new ArrayList<>(predicted.javaRDD().mapPartitions((Iterator<Row> it) -> {
            PortableModel portable = MllibExport.export(model, width);
            List<double[]> out = new ArrayList<>();
            while (it.hasNext()) {
                Row row = it.next();
                double[] x = ((Vector) row.get(2)).toArray();
                out.add(new double[] {row.getLong(0), row.getDouble(1), portable.threatProbability(x),
                        ((Vector) row.get(3)).apply(1)});
            }
            return out.iterator();
        }).collect());
        rows.sort((a, b) -> Double.compare(a[0], b[0]));
        Tuple2<double[], Long> sums = predicted.javaRDD().mapPartitions((Iterator<Row> it) -> {
            PortableModel portable = MllibExport.export(model, width);
            double[] sum = new double[width];
            long count = 0;
            while (it.hasNext()) {
                double[] contributions = portable.explain(((Vector) it.next().get(2)).toArray()).contributions();
                for (int j = 0; j < width; j++) {
                    sum[j] += Math.abs(contributions[j]);
                }
                count++;
            }
            return List.of(new Tuple2<>(sum, count)).iterator();
        }).reduce((a, b) -> {
            double[] sum = a._1().clone();
            for (int j = 0; j < sum.length; j++) {
                sum[j] += b._1()[j];
            }
            return new Tuple2<>(sum, a._2() + b._2());
        });
        int[] labels = new int[rows.size()];
        double[] probabilities = new double[rows.size()];
        double difference = 0;
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) rows.get(i)[1];
            probabilities[i] = rows.get(i)[2];
            difference = Math.max(difference, Math.abs(rows.get(i)[2] - rows.get(i)[3]));
        }
        double[] mean = sums._1().clone();
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= Math.max(1, sums._2());
        }
        return new Scored(labels, probabilities, difference, mean);
    }
}
