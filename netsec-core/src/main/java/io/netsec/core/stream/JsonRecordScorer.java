package io.netsec.core.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netsec.core.Detector;
import io.netsec.core.data.CellProblem;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RecordKeys;
import io.netsec.core.engine.RowScorer;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The JSON driver: scores JSON records read straight from a Jackson parser, each field's value
 * going to the feature it names through the encoder ({@link RowScorer}), integers without a
 * boxed number or a map in between. The answer is the one
 * {@link Detector#score(java.util.Map)} gives for the record bound to a map, bit for bit; a record
 * this reader does not follow exactly as that map would be read (two spellings of one column, a
 * nested object or array as a feature's value) is left to that path: {@link NotPlain}.
 *
 * <p>Not thread-safe (it reuses buffers): take one per thread or request
 * ({@link #of(Detector)}).
 *
 * <pre>{@code
 * JsonRecordScorer scorer = JsonRecordScorer.of(detector);
 * try (JsonParser parser = factory.createParser(body)) {
 *     parser.nextToken();                                // START_OBJECT of the record
 *     double probability = scorer.probability(parser, "record 1");
 * }
 * }</pre>
 */
public final class JsonRecordScorer {

    /** A record that needs {@link Detector#score(java.util.Map)}; nothing is wrong with it. */
    public static final class NotPlain extends RuntimeException {
        private NotPlain() {
            super("the record needs the map path", null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();

    private final RecordKeys keys;
    private final RowScorer row;
    /** Per slot, the record's value: an integer in {@code integers}, or an object (text, double, ...). */
    private final boolean[] isInteger;
    private final long[] integers;
    private final Object[] objects;
    /** Per slot, the key that set it (identity first: Jackson hands out one instance per field name). */
    private final String[] spelling;
    /** Per slot, the feature whose name or alias it is ({@link #AMBIGUOUS} when two features share it). */
    private final int[] featureOfSlot;
    private static final int AMBIGUOUS = -2;
    /** The last record's keys by position, and their slots ({@link #slotOf(String, int)}). */
    private final String[] recentKeys = new String[256];
    private final int[] recentSlots = new int[256];

    private JsonRecordScorer(RecordKeys keys, RowScorer row) {
        this.keys = keys;
        this.row = row;
        int slots = keys.slots();
        this.isInteger = new boolean[slots];
        this.integers = new long[slots];
        this.objects = new Object[slots];
        this.spelling = new String[slots];
        this.featureOfSlot = new int[slots];
        Arrays.fill(featureOfSlot, -1);
        for (int f = 0; f < row.features(); f++) {
            for (int slot : keys.slotsOfFeature(f)) {
                featureOfSlot[slot] = featureOfSlot[slot] == -1 || featureOfSlot[slot] == f ? f : AMBIGUOUS;
            }
        }
    }

    /** A scorer of JSON records for {@code detector}'s model; one per thread or request. */
    public static JsonRecordScorer of(Detector detector) {
        return new JsonRecordScorer(detector.engine().keys(), detector.engine().rowScorer());
    }

    /**
     * The threat probability of the record whose {@code START_OBJECT} the parser is on; the
     * parser is left on its {@code END_OBJECT}.
     *
     * @param source names the record in a {@link DataException}, as {@link Detector#scoreAll(java.util.List)} does
     * @throws DataException naming the column when a value breaks the schema
     * @throws NotPlain when the record must be read as a map instead
     */
    public double probability(JsonParser parser, String source) throws IOException {
        Arrays.fill(spelling, null);
        JsonToken token;
        for (int field = 0; (token = parser.nextToken()) == JsonToken.FIELD_NAME; field++) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            int slot = slotOf(key, field);
            if (slot < 0) {
                parser.skipChildren(); // a column the model does not read
                continue;
            }
            String earlier = spelling[slot];
            if (earlier != null && earlier != key && !earlier.equals(key)) {
                // A map keeps each spelling at its first position; which one wins depends on that order.
                throw NOT_PLAIN;
            }
            spelling[slot] = key;
            read(parser, value, slot);
        }
        if (token != JsonToken.END_OBJECT) {
            throw NOT_PLAIN;
        }
        return score(source);
    }

    /**
     * Which feature each value of a row sets, for rows that give values in the order of
     * {@code columns} (names or aliases, matched as record keys are), and the features no column
     * sets. Computed once per request, not per row.
     *
     * @param featureOfPosition per position, the feature, or -1 for a column the model does not read
     * @param absent            the features no column names, in order (each is missing in every row)
     */
    public record RowLayout(int[] featureOfPosition, int[] absent) {
    }

    /**
     * The layout of rows under {@code columns}.
     *
     * @throws NotPlain when two columns name one feature (a name and an alias, or two spellings):
     *                  which value a record of the row would use is the map path's rule
     */
    public RowLayout rowLayout(List<String> columns) {
        int features = row.features();
        int[] featureOf = new int[columns.size()];
        boolean[] named = new boolean[features];
        for (int i = 0; i < featureOf.length; i++) {
            int slot = columns.get(i) == null ? -1 : keys.slotOf(columns.get(i));
            int feature = slot < 0 ? -1 : featureOfSlot[slot];
            if (feature == AMBIGUOUS || (feature >= 0 && named[feature])) {
                throw NOT_PLAIN;
            }
            featureOf[i] = feature;
            if (feature >= 0) {
                named[feature] = true;
            }
        }
        int[] absent = IntStream.range(0, features).filter(f -> !named[f]).toArray();
        return new RowLayout(featureOf, absent);
    }

    /**
     * The threat probability of the row whose {@code START_ARRAY} the parser is on, its values in
     * the order of the {@code layout}'s columns; the parser is left on its {@code END_ARRAY}. The
     * answer is the one the record {@code {column: value, ...}} gets. Each integer goes straight to
     * its feature: a row has no keys to match and no second spelling to prefer.
     *
     * @throws NotPlain when the row has another number of values, a nested value, or a value that
     *                  breaks the schema: the map path then gives the answer and its exact problem
     *                  (the first bad value in feature order, which this reading in column order
     *                  does not know)
     */
    public double rowProbability(JsonParser parser, RowLayout layout, String source) throws IOException {
        int[] featureOf = layout.featureOfPosition();
        JsonToken token;
        int position = 0;
        for (; (token = parser.nextToken()) != JsonToken.END_ARRAY; position++) {
            if (position == featureOf.length || token == null) {
                throw NOT_PLAIN;
            }
            int feature = featureOf[position];
            if (feature < 0) {
                parser.skipChildren();
            } else if (token == JsonToken.VALUE_NUMBER_INT && isLong(parser.getNumberType())) {
                if (row.setInteger(feature, parser.getLongValue()) != CellProblem.NONE) {
                    throw NOT_PLAIN;
                }
            } else if (row.setValue(feature, scalar(parser, token)) != CellProblem.NONE) {
                throw NOT_PLAIN;
            }
        }
        if (position != featureOf.length) {
            throw NOT_PLAIN;
        }
        for (int feature : layout.absent()) {
            if (row.setValue(feature, null) != CellProblem.NONE) {
                throw NOT_PLAIN;
            }
        }
        return row.probability();
    }

    private static boolean isLong(JsonParser.NumberType type) {
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
    }

    /** The scalar the parser is on, as a map of the record would hold it; a nested value is not plain. */
    private static Object scalar(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NUMBER_INT -> parser.getNumberValue(); // past a long: a BigInteger
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_STRING -> parser.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw NOT_PLAIN;
        };
    }

    /** Puts the value the parser is on into {@code slot}, as a map of the record would hold it. */
    private void read(JsonParser parser, JsonToken value, int slot) throws IOException {
        boolean integer = value == JsonToken.VALUE_NUMBER_INT && isLong(parser.getNumberType());
        isInteger[slot] = integer;
        if (integer) {
            integers[slot] = parser.getLongValue();
            objects[slot] = null;
        } else {
            objects[slot] = scalar(parser, value); // null: absent, as a map's null value is
        }
    }

    /** Encodes the slots' values and scores the result. */
    private double score(String source) {
        for (int f = 0; f < row.features(); f++) {
            int slot = valueSlot(f);
            if (slot >= 0 && isInteger[slot]) {
                row.setInteger(f, integers[slot], source);
            } else {
                row.setValue(f, slot < 0 ? null : objects[slot], source);
            }
        }
        return row.probability();
    }

    /**
     * The slot of the record's {@code field}-th key. Records of one batch repeat their keys in one
     * order, and Jackson hands out one instance per distinct name, so the previous record's key at
     * the same position, compared by identity, usually answers without hashing the name.
     */
    private int slotOf(String key, int field) {
        if (field < recentKeys.length && recentKeys[field] == key) {
            return recentSlots[field];
        }
        int slot = keys.slotOf(key);
        if (field < recentKeys.length) {
            recentKeys[field] = key;
            recentSlots[field] = slot;
        }
        return slot;
    }

    /** The slot a feature takes its value from: its name's, else its first alias with a value; -1 when none has one. */
    private int valueSlot(int feature) {
        for (int slot : keys.slotsOfFeature(feature)) {
            if (spelling[slot] != null && (isInteger[slot] || objects[slot] != null)) {
                return slot;
            }
        }
        return -1;
    }
}
