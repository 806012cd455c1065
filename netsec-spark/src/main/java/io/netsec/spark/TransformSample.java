package io.netsec.spark;

import io.netsec.core.schema.DataSchema;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.TransformFitter;
import io.netsec.core.transform.TransformOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The training rows the transformation is fitted on, on the driver: all of the training part, or
 * a seeded sample of it ({@link SparkTraining#sample}). Each cross-validation fold's
 * transformation is fitted on the sampled rows of the other folds, the final one on all of
 * them, as {@link TransformFitter} fits {@code netsec train}'s.
 */
final class TransformSample {

    private final io.netsec.core.data.Dataset data;
    private final int[] fold;

    private TransformSample(io.netsec.core.data.Dataset data, int[] fold) {
        this.data = data;
        this.fold = fold;
    }

    static TransformSample collect(Dataset<Row> encoded, Broadcast<byte[]> assigned, int[] sampleRows,
                                   DataSchema schema, List<List<String>> vocabularies, String source) {
        List<Row> rows = new ArrayList<>(encoded.javaRDD()
                .filter(row -> (assigned.value()[(int) row.getLong(0)] & SparkTraining.SAMPLE) != 0).collect());
        rows.sort(Comparator.comparingLong(row -> row.getLong(0)));
        if (rows.size() != sampleRows.length) {
            throw new IllegalStateException("the sample has " + rows.size() + " rows, not " + sampleRows.length
                    + ": the input changed while it was read");
        }
        byte[] assignment = assigned.value();
        double[][] raw = new double[rows.size()][];
        int[] labels = new int[rows.size()];
        long[] rowNumbers = new long[rows.size()];
        int[] fold = new int[rows.size()];
        for (int i = 0; i < raw.length; i++) {
            Row row = rows.get(i);
            raw[i] = TrainingRows.raw(row);
            labels[i] = row.getInt(1);
            rowNumbers[i] = row.getLong(0) + 1;
            fold[i] = assignment[(int) row.getLong(0)] & SparkTraining.FOLD_BITS;
        }
        return new TransformSample(new io.netsec.core.data.Dataset(schema, source, null, vocabularies, raw, labels,
                rowNumbers), fold);
    }

    /** The transformation fitted on the sampled rows of every fold but {@code excludedFold} (-1: of all). */
    FittedTransform fit(int excludedFold) {
        return TransformFitter.fit(data, rowsWhere(excludedFold, false), TransformOptions.DEFAULTS);
    }

    /** The sampled rows of {@code inFold}, transformed by {@code transform}: the rows a fold's scoring cost is measured on. */
    double[][] inputs(int inFold, FittedTransform transform) {
        int[] rows = rowsWhere(inFold, true);
        double[][] inputs = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            inputs[i] = transform.apply(data.rows()[rows[i]]);
        }
        return inputs;
    }

    private int[] rowsWhere(int f, boolean inFold) {
        return java.util.stream.IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == inFold).toArray();
    }
}
