package io.netsec.core.format;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netsec.core.format.FormatReader.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The formats of the values files hold: scalars (how strictly each is read is the
 * {@link FormatReader}'s rule), arrays, lists, maps and pairs. A primitive format (NUMBER,
 * INTEGER, BOOLEAN) refuses null and reads an absent field as 0 or false; its {@code _OR_NULL}
 * twin takes null.
 */
public final class Formats {

    public static final ValueFormat<String> TEXT = scalar(Kind.TEXT, FormatReader::text, JsonGenerator::writeString, null);
    public static final ValueFormat<Double> NUMBER = required(
            scalar(Kind.NUMBER, FormatReader::number, JsonGenerator::writeNumber, 0.0));
    public static final ValueFormat<Double> NUMBER_OR_NULL = scalar(Kind.NUMBER, FormatReader::number,
            JsonGenerator::writeNumber, null);
    public static final ValueFormat<Integer> INTEGER = required(
            scalar(Kind.WHOLE_NUMBER, FormatReader::integer, JsonGenerator::writeNumber, 0));
    public static final ValueFormat<Integer> INTEGER_OR_NULL = scalar(Kind.WHOLE_NUMBER, FormatReader::integer,
            JsonGenerator::writeNumber, null);
    public static final ValueFormat<Long> LONG = required(
            scalar(Kind.WHOLE_NUMBER, FormatReader::longInteger, JsonGenerator::writeNumber, 0L));
    public static final ValueFormat<Long> LONG_OR_NULL = scalar(Kind.WHOLE_NUMBER, FormatReader::longInteger,
            JsonGenerator::writeNumber, null);
    public static final ValueFormat<Boolean> BOOLEAN = required(
            scalar(Kind.BOOLEAN, FormatReader::bool, JsonGenerator::writeBoolean, false));
    public static final ValueFormat<Boolean> BOOLEAN_OR_NULL = scalar(Kind.BOOLEAN, FormatReader::bool,
            JsonGenerator::writeBoolean, null);
    public static final ValueFormat<List<String>> TEXTS = listOf(TEXT);

    // Primitive arrays are read into growing primitive arrays: a model file holds hundreds of
    // thousands of numbers, read on every start.
    public static final ValueFormat<int[]> INTS = array((in, name) -> {
        int[] values = new int[16];
        int n = 0;
        while (in.nextEntry()) {
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            values[n++] = in.intValue(name);
        }
        return Arrays.copyOf(values, n);
    }, (out, values) -> out.writeArray(values, 0, values.length));
    public static final ValueFormat<double[]> NUMBERS = array((in, name) -> {
        double[] values = new double[16];
        int n = 0;
        while (in.nextEntry()) {
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            values[n++] = in.doubleValue(name);
        }
        return Arrays.copyOf(values, n);
    }, (out, values) -> out.writeArray(values, 0, values.length));
    public static final ValueFormat<boolean[]> BOOLEANS = array((in, name) -> {
        boolean[] values = new boolean[16];
        int n = 0;
        while (in.nextEntry()) {
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            values[n++] = BOOLEAN.read(in, name);
        }
        return Arrays.copyOf(values, n);
    }, (out, values) -> {
        out.writeStartArray(values, values.length);
        for (boolean value : values) {
            out.writeBoolean(value);
        }
        out.writeEndArray();
    });
    public static final ValueFormat<double[][]> NUMBER_ROWS = array((in, name) -> {
        List<double[]> rows = new ArrayList<>();
        while (in.nextEntry()) {
            double[] row = NUMBERS.read(in, name);
            if (row == null) {
                throw in.nullEntryAt(name, Kind.LIST);
            }
            rows.add(row);
        }
        return rows.toArray(double[][]::new);
    }, (out, rows) -> {
        out.writeStartArray(rows, rows.length);
        for (double[] row : rows) {
            NUMBERS.write(out, row);
        }
        out.writeEndArray();
    });

    /** Any JSON value as plain Java: a map, a list, text, a number, true or false (free-form parameters). */
    public static final ValueFormat<Object> ANY = new JsonValueFormat();

    private Formats() {
    }

    /** {@code format}, reading a field the file does not name as {@code absent} (a figure as NaN, say). */
    public static <V> ValueFormat<V> absentAs(ValueFormat<V> format, V absent) {
        return new ValueFormat<>() {
            @Override
            public V read(FormatReader in, String name) throws IOException {
                return format.read(in, name);
            }

            @Override
            public void write(JsonGenerator out, V value) throws IOException {
                format.write(out, value);
            }

            @Override
            public V absent() {
                return absent;
            }

            @Override
            public Kind kind() {
                return format.kind();
            }
        };
    }

    /** A list of {@code entries}; a null entry is a fault. */
    public static <V> ListFormat<V> listOf(ValueFormat<V> entries) {
        return new ListFormat<>(entries, null, null);
    }

    /** An object of text keys and {@code values}, in the file's order (a null value stays null). */
    public static <V> ValueFormat<Map<String, V>> mapOf(ValueFormat<V> values) {
        return new ValueFormat<>() {
            @Override
            public Map<String, V> read(FormatReader in, String name) throws IOException {
                if (!in.startObject(name)) {
                    return null;
                }
                Map<String, V> map = new LinkedHashMap<>();
                for (String key = in.nextField(); key != null; key = in.nextField()) {
                    map.put(key, values.read(in, key));
                }
                return map;
            }

            @Override
            public void write(JsonGenerator out, Map<String, V> map) throws IOException {
                out.writeStartObject();
                for (Map.Entry<String, V> entry : map.entrySet()) {
                    out.writeFieldName(entry.getKey());
                    if (entry.getValue() == null) {
                        out.writeNull();
                    } else {
                        values.write(out, entry.getValue());
                    }
                }
                out.writeEndObject();
            }

            @Override
            public Kind kind() {
                return Kind.OBJECT;
            }
        };
    }

    /**
     * A value named by text (an enum): {@code parse} refuses unknown text with an
     * {@link IllegalArgumentException}, which the reader words.
     */
    public static <T> ValueFormat<T> named(Function<String, T> parse, Function<T, String> print) {
        return new ValueFormat<>() {
            @Override
            public T read(FormatReader in, String name) throws IOException {
                String text = in.text(name);
                if (text == null) {
                    return null;
                }
                try {
                    return parse.apply(text);
                } catch (IllegalArgumentException e) {
                    throw in.unknownName(name, text, e);
                }
            }

            @Override
            public void write(JsonGenerator out, T value) throws IOException {
                out.writeString(print.apply(value));
            }

            @Override
            public Kind kind() {
                return Kind.TEXT;
            }
        };
    }

    /**
     * An enum written by its constant's name; unknown text is refused as "one of [A, B, ...]",
     * which the reader words.
     */
    public static <E extends Enum<E>> ValueFormat<E> enumeration(Class<E> type) {
        return named(text -> {
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("one of " + Arrays.toString(type.getEnumConstants()), e);
            }
        }, Enum::name);
    }

    /** Two numbers written as {@code [first, second]} (an interval, a point of a curve). */
    public static <P> ValueFormat<P> pair(BiFunction<Double, Double, P> make, Function<P, Double> first,
                                          Function<P, Double> second) {
        return new ValueFormat<>() {
            @Override
            public P read(FormatReader in, String name) throws IOException {
                double[] numbers = NUMBERS.read(in, name);
                if (numbers == null) {
                    return null;
                }
                if (numbers.length != 2) {
                    throw in.fault("'" + name + "' holds " + numbers.length + " numbers where a pair belongs");
                }
                return make.apply(numbers[0], numbers[1]);
            }

            @Override
            public void write(JsonGenerator out, P value) throws IOException {
                out.writeStartArray();
                out.writeNumber(first.apply(value));
                out.writeNumber(second.apply(value));
                out.writeEndArray();
            }

            @Override
            public Kind kind() {
                return Kind.LIST;
            }
        };
    }

    private interface Reader<V> {
        V read(FormatReader in, String name) throws IOException;
    }

    private interface Writer<V> {
        void write(JsonGenerator out, V value) throws IOException;
    }

    private static <V> ValueFormat<V> scalar(Kind kind, Reader<V> reader, Writer<V> writer, V absent) {
        return new ValueFormat<>() {
            @Override
            public V read(FormatReader in, String name) throws IOException {
                return reader.read(in, name);
            }

            @Override
            public void write(JsonGenerator out, V value) throws IOException {
                writer.write(out, value);
            }

            @Override
            public V absent() {
                return absent;
            }

            @Override
            public Kind kind() {
                return kind;
            }
        };
    }

    /** {@code format}, refusing null (a primitive's value). */
    private static <V> ValueFormat<V> required(ValueFormat<V> format) {
        return new ValueFormat<>() {
            @Override
            public V read(FormatReader in, String name) throws IOException {
                V value = format.read(in, name);
                if (value == null) {
                    throw in.wrongKindAt(name, format.kind());
                }
                return value;
            }

            @Override
            public void write(JsonGenerator out, V value) throws IOException {
                format.write(out, value);
            }

            @Override
            public V absent() {
                return format.absent();
            }

            @Override
            public Kind kind() {
                return format.kind();
            }
        };
    }

    /** An array read by {@code entries} from its START_ARRAY (null at a null). */
    private static <A> ValueFormat<A> array(Reader<A> entries, Writer<A> writer) {
        return new ValueFormat<>() {
            @Override
            public A read(FormatReader in, String name) throws IOException {
                return in.startArray(name) ? entries.read(in, name) : null;
            }

            @Override
            public void write(JsonGenerator out, A value) throws IOException {
                writer.write(out, value);
            }

            @Override
            public Kind kind() {
                return Kind.LIST;
            }
        };
    }
}
