package io.netsec.core.validate;

import io.netsec.core.data.RowEncoder;
import io.netsec.core.schema.ColumnSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Distributions of feature columns built from encoded rows ({@link RowEncoder}'s values: a
 * number as itself, a category as its index in the vocabulary, a missing cell NaN), in the
 * form {@link DriftDetector} compares: what a model bundle keeps of its training data, and what
 * the service counts of the rows it scores. Both sides go through {@link #column}, so a category
 * is compared by its text and a number by its value, as {@link DataProfile} reads them from a file.
 *
 * <pre>{@code
 * DataProfile reference = EncodedProfile.of("training data", schema.features(), vocabularies, rows);
 * }</pre>
 */
public final class EncodedProfile {

    /** The category a code outside the vocabulary stands for (a category the training data never had). */
    public static final String UNSEEN = "(unseen)";

    private EncodedProfile() {
    }

    /** The profile of {@code rows} (each one encoded value per feature, in {@code features}' order). */
    public static DataProfile of(String source, List<ColumnSpec> features, List<List<String>> vocabularies, double[][] rows) {
        List<Map<Double, long[]>> counts = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            counts.add(new HashMap<>());
        }
        for (double[] row : rows) {
            for (int f = 0; f < features.size(); f++) {
                count(counts.get(f), row[f]);
            }
        }
        List<ColumnDistribution> columns = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            columns.add(column(features.get(f), vocabularies.get(f), counts.get(f)));
        }
        return new DataProfile(source, rows.length, columns);
    }

    /** Adds one encoded value to {@code counts}; a missing one (NaN) is left out, as in {@link DataProfile}. */
    public static void count(Map<Double, long[]> counts, double value) {
        if (!Double.isNaN(value)) {
            counts.computeIfAbsent(value == 0 ? 0.0 : value, k -> new long[1])[0]++; // -0.0 and 0.0 are one value
        }
    }

    /**
     * The distribution of one feature from the counts of its encoded values: a numeric column by
     * value, a categorical one by the category each code names ({@value #UNSEEN} outside the vocabulary).
     */
    public static ColumnDistribution column(ColumnSpec feature, List<String> vocabulary, Map<Double, long[]> counts) {
        boolean numeric = feature.type().isNumeric();
        TreeMap<Object, Long> sorted = new TreeMap<>();
        counts.forEach((code, n) -> sorted.merge(numeric ? code : categoryOf(vocabulary, code), n[0], Long::sum));
        long[] tally = sorted.values().stream().mapToLong(Long::longValue).toArray();
        if (numeric) {
            double[] values = sorted.keySet().stream().mapToDouble(k -> (Double) k).toArray();
            return new ColumnDistribution(feature.name(), true, values, List.of(), tally);
        }
        List<String> categories = sorted.keySet().stream().map(k -> (String) k).toList();
        return new ColumnDistribution(feature.name(), false, new double[0], categories, tally);
    }

    private static String categoryOf(List<String> vocabulary, double code) {
        int index = (int) code;
        return index >= 0 && index == code && index < vocabulary.size() ? vocabulary.get(index) : UNSEEN;
    }
}
