package io.netsec.onnx;

import io.netsec.core.schema.CellParser;
import io.netsec.core.schema.DataSchema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which input values an exported graph takes for "missing", from the schema's
 * {@code missing_values}, as netsec reads the same value given in a record (a map or a JSON
 * object): a text is missing when it is one of the markers (the empty text always is), a
 * number when it is NaN or the number a marker spells, an integer when a marker spells it. An
 * int64 tensor has no NaN, so {@link #INT64_MISSING} also means missing there, as a sentinel
 * (the convention of {@code ai.onnx.ml.Imputer}'s {@code replaced_value_int64}).
 */
final class MissingValues {

    /** The int64 value that means "missing" in every integer input: the smallest int64. */
    static final long INT64_MISSING = Long.MIN_VALUE;

    private MissingValues() {
    }

    /** The markers, each once, in the schema's order (the empty text among them). */
    static List<String> texts(DataSchema schema) {
        return List.copyOf(new LinkedHashSet<>(schema.missingValues()));
    }

    /**
     * The integers a marker spells as netsec prints an integer ({@code "-9"}, not {@code "-9.0"}
     * or {@code "+9"}): such a value given to netsec as an integer is missing (RowEncoder's rule).
     */
    static long[] integers(DataSchema schema) {
        Set<Long> integers = new LinkedHashSet<>();
        for (String marker : schema.missingValues()) {
            Long value = CellParser.parseInteger(marker);
            if (value != null && schema.missingValues().contains(Long.toString(value))) {
                integers.add(value);
            }
        }
        return integers.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * The numbers a marker spells as netsec turns a number it is given into text (a whole
     * number as an integer, another as {@link Double#toString}): such a number is missing.
     */
    static double[] numbers(DataSchema schema) {
        Set<Double> numbers = new LinkedHashSet<>();
        for (String marker : schema.missingValues()) {
            Double value = CellParser.parseNumber(marker);
            if (value != null && schema.missingValues().contains(textOf(value))) {
                numbers.add(value == 0 ? 0.0 : value); // -0.0 and 0.0 compare equal in the graph
            }
        }
        return numbers.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The text netsec reads a number given in a record as (io.netsec.core.Detector's rule). */
    private static String textOf(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
