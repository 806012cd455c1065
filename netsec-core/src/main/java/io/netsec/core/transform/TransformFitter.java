package io.netsec.core.transform;

import io.netsec.core.data.Dataset;
import io.netsec.core.schema.ColumnSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Fits a {@link FittedTransform} on the training rows of a data set, and on nothing else, so
 * no statistic of held-out rows leaks into the model.
 *
 * <pre>{@code
 * FittedTransform transform = TransformFitter.fit(dataset, trainIndices, TransformOptions.DEFAULTS);
 * double[] input = transform.apply(dataset.rows()[i]);
 * }</pre>
 */
public final class TransformFitter {

    private TransformFitter() {
    }

    public static FittedTransform fit(Dataset data, int[] trainRows, TransformOptions options) {
        if (trainRows.length == 0) {
            throw new IllegalArgumentException("cannot fit a transformation on zero rows");
        }
        List<ColumnSpec> features = data.features();
        List<FittedColumn> columns = new ArrayList<>(features.size());
        boolean[] categorical = new boolean[features.size()];
        for (int c = 0; c < features.size(); c++) {
            ColumnSpec spec = features.get(c);
            double[] present = presentValues(data, trainRows, c);
            categorical[c] = !spec.type().isNumeric();
            columns.add(categorical[c] ? fitCategorical(spec, data.vocabularies().get(c), present, options)
                    : fitNumeric(spec, present, options));
        }
        KnnImputer knn = null;
        if (options.numericImputation() == TransformOptions.Imputation.KNN
                || options.categoricalImputation() == TransformOptions.Imputation.KNN) {
            knn = new KnnImputer(options.knnNeighbours(), sampleRows(data, trainRows, options.knnReferenceRows()), categorical);
        }
        return new FittedTransform(columns, knn);
    }

    private static FittedColumn fitNumeric(ColumnSpec spec, double[] present, TransformOptions options) {
        double fill = switch (options.numericImputation()) {
            case MEAN -> mean(present);
            case MOST_FREQUENT -> mostFrequent(present);
            // KNN falls back to the median when no neighbour has the value.
            case MEDIAN, KNN -> present.length == 0 ? 0 : new Median().evaluate(present);
        };
        double center = 0;
        double scale = 1;
        if (present.length > 0) {
            switch (options.scaling()) {
                case STANDARD -> {
                    center = mean(present);
                    double sd = new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation(false).evaluate(present);
                    scale = sd > 0 ? sd : 1;
                }
                case MIN_MAX -> {
                    double min = Arrays.stream(present).min().orElse(0);
                    double max = Arrays.stream(present).max().orElse(1);
                    center = min;
                    scale = max > min ? max - min : 1;
                }
                case NONE -> {
                }
            }
        }
        return new FittedColumn(spec.name(), FittedColumn.ColumnEncoding.NUMERIC, fill, List.of(), center, scale);
    }

    private static FittedColumn fitCategorical(ColumnSpec spec, List<String> vocabulary, double[] present,
                                               TransformOptions options) {
        double fill = present.length == 0 ? 0 : mostFrequent(present);
        FittedColumn.ColumnEncoding encoding = options.encoding() == TransformOptions.Encoding.ONE_HOT
                ? FittedColumn.ColumnEncoding.ONE_HOT : FittedColumn.ColumnEncoding.ORDINAL;
        return new FittedColumn(spec.name(), encoding, fill, vocabulary, 0, 1);
    }

    /** The non-missing, known values of column {@code c} among the training rows. */
    private static double[] presentValues(Dataset data, int[] trainRows, int c) {
        boolean numeric = data.features().get(c).type().isNumeric();
        double[] values = new double[trainRows.length];
        int n = 0;
        for (int row : trainRows) {
            double value = data.rows()[row][c];
            boolean known = numeric ? !Double.isNaN(value) : value >= 0; // NaN >= 0 is false too
            if (known) {
                values[n++] = value;
            }
        }
        return Arrays.copyOf(values, n);
    }

    private static double mean(double[] values) {
        return values.length == 0 ? 0 : new org.apache.commons.math3.stat.descriptive.moment.Mean().evaluate(values);
    }

    /** The most frequent value; the smallest among equally frequent ones, so the result is reproducible. */
    static double mostFrequent(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double best = sorted[0];
        int bestRun = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > bestRun) {
                bestRun = j - i;
                best = sorted[i];
            }
            i = j;
        }
        return best;
    }

    /** A fixed-seed sample of training rows for KNN imputation, so bundles stay small and reproducible. */
    private static double[][] sampleRows(Dataset data, int[] trainRows, int limit) {
        int[] chosen = trainRows.clone();
        if (chosen.length > limit) {
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < limit; i++) {
                int j = i + random.nextInt(chosen.length - i);
                int swap = chosen[i];
                chosen[i] = chosen[j];
                chosen[j] = swap;
            }
            chosen = Arrays.copyOf(chosen, limit);
        }
        double[][] rows = new double[chosen.length][];
        for (int i = 0; i < chosen.length; i++) {
            rows[i] = data.rows()[chosen[i]];
        }
        return rows;
    }
}
