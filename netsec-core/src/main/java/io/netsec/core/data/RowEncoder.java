package io.netsec.core.data;

import io.netsec.core.schema.CellParser;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.ColumnType;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.LabelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the cells of a record into the numbers a model reads, column by column as the schema
 * says: a numeric cell becomes its value, a categorical cell the index of its category in a
 * vocabulary, a missing cell NaN. It also checks each cell against the schema.
 *
 * <p>This is the one definition of how a cell becomes a feature value: {@link #encodeCell} of its
 * text. Every way in reaches it: cells read as text (CSV through Jackson, ARFF, MongoDB),
 * values ({@link #encodeValue}: a map, JSON tokens, a Spark row, as {@link CellValue} says which
 * cell a value stands for), integers ({@link #encodeInteger}) and plain ASCII bytes
 * ({@link #encodeAscii}), each of the last two answering what {@link #encodeCell} answers for
 * the same text, bit for bit (tested). The engine's byte-level plans are derived from these
 * answers ({@code io.netsec.core.engine.ConditionCodes} asks this encoder what each small integer
 * becomes), never from rules of their own.
 *
 * <p>Vocabularies start from the schema's allowed values; a column without allowed values
 * learns new categories while training data is read ({@link #learning}), and maps them to
 * {@link #UNKNOWN_CATEGORY} when frozen for scoring.
 */
public final class RowEncoder {

    /** The code of a category the vocabulary does not know. */
    public static final double UNKNOWN_CATEGORY = -1;

    private final DataSchema schema;
    private final List<ColumnSpec> features;
    private final int[] featureSchemaIndex;
    private final List<List<String>> vocabularies;
    private final List<Map<String, Integer>> codes;
    /** Sorted allowed values of each numeric feature (empty: any value), searched without boxing. */
    private final double[][] allowedValues;
    private final boolean learning;
    /**
     * The first characters (ASCII) of the schema's missing-value texts: a cell that starts with
     * another, non-blank character is not missing, decided without stripping and comparing it
     * against every marker (most cells of a large file).
     */
    private final boolean[] missingStarts = new boolean[128];
    /** The missing-value texts that are integers as {@link Long#toString} spells them ("-9"), usually none. */
    private final long[] missingIntegers;
    /** Per feature: numeric, and its bounds (infinite when the schema sets none), read without unboxing. */
    private final boolean[] numeric;
    private final double[] lowest;
    private final double[] highest;
    /**
     * Per feature whose allowed values are all integers from -32 to 31 (-1, 0 and 1 in the
     * phishing data): bit {@code value + 32} set for each; 0 otherwise. An integer is then checked
     * with one shift instead of a comparison per allowed value.
     */
    private final long[] smallAllowed;
    /** The label column, looked up once (not by name for every row). */
    private final ColumnSpec labelColumn;

    private RowEncoder(DataSchema schema, List<List<String>> vocabularies, boolean learning) {
        this.schema = schema;
        this.features = schema.features();
        this.learning = learning;
        // one pass, not a search per feature: a schema may have thousands of columns
        this.featureSchemaIndex = java.util.stream.IntStream.range(0, schema.columns().size())
                .filter(c -> schema.columns().get(c).isFeature()).toArray();
        this.labelColumn = schema.columns().get(schema.labelIndex());
        this.vocabularies = new ArrayList<>();
        this.codes = new ArrayList<>();
        this.allowedValues = new double[features.size()][];
        this.missingIntegers = schema.missingValues().stream().map(CellParser::parseInteger)
                .filter(number -> number != null && schema.missingValues().contains(Long.toString(number)))
                .mapToLong(Long::longValue).distinct().toArray();
        this.numeric = new boolean[features.size()];
        this.lowest = new double[features.size()];
        this.highest = new double[features.size()];
        for (int f = 0; f < features.size(); f++) {
            ColumnSpec column = features.get(f);
            numeric[f] = column.type().isNumeric();
            lowest[f] = column.min() == null ? Double.NEGATIVE_INFINITY : column.min();
            highest[f] = column.max() == null ? Double.POSITIVE_INFINITY : column.max();
        }
        for (String marker : schema.missingValues()) {
            String stripped = marker.strip();
            if (!stripped.isEmpty() && stripped.charAt(0) < 128) {
                missingStarts[stripped.charAt(0)] = true;
            } else if (!stripped.isEmpty()) {
                java.util.Arrays.fill(missingStarts, true); // a non-ASCII marker: always compare
            }
        }
        for (int f = 0; f < features.size(); f++) {
            ColumnSpec column = features.get(f);
            List<String> vocabulary = new ArrayList<>(vocabularies == null ? column.allowed() : vocabularies.get(f));
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < vocabulary.size(); i++) {
                index.put(vocabulary.get(i), i);
            }
            this.vocabularies.add(column.type() == ColumnType.CATEGORICAL ? vocabulary : List.of());
            this.codes.add(index);
            allowedValues[f] = column.type().isNumeric()
                    ? column.allowed().stream().mapToDouble(value -> CellParser.toDouble(column.type(), value)).sorted().toArray()
                    : new double[0];
        }
        this.smallAllowed = java.util.Arrays.stream(allowedValues).mapToLong(RowEncoder::smallIntegerBits).toArray();
    }

    /** The bits of {@link #smallAllowed} for these allowed values, or 0 when one is not such an integer. */
    private static long smallIntegerBits(double[] allowed) {
        long bits = 0;
        for (double value : allowed) {
            boolean small = value >= -32 && value < 32 && value == Math.rint(value)
                    && Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(-0.0); // -0.0 matches no integer's bits
            if (!small) {
                return 0;
            }
            bits |= 1L << ((int) value + 32);
        }
        return bits;
    }

    /** An encoder for training data: open categorical columns learn their categories in order of appearance. */
    public static RowEncoder learning(DataSchema schema) {
        return new RowEncoder(schema, null, true);
    }

    /** An encoder with fixed vocabularies (one list per feature, empty for numeric features), as a model bundle stores them. */
    public static RowEncoder frozen(DataSchema schema, List<List<String>> vocabularies) {
        return new RowEncoder(schema, vocabularies, false);
    }

    public DataSchema schema() {
        return schema;
    }

    /** Feature columns in model order. */
    public List<ColumnSpec> features() {
        return features;
    }

    /** The category lists of the feature columns (empty for numeric ones), as learned so far. */
    public List<List<String>> vocabularies() {
        return vocabularies.stream().map(List::copyOf).toList();
    }

    /** The schema position of each feature, so callers can fetch cells themselves. */
    public int schemaIndexOfFeature(int feature) {
        return featureSchemaIndex[feature];
    }

    /**
     * Encodes the feature cells of one record into {@code out} (length = number of features).
     *
     * @return the index of the first feature whose cell breaks the schema, or -1 when all are fine;
     *         {@link #problem} then says what is wrong with it
     */
    public int encode(RawRecord record, TableHeader header, double[] out) {
        for (int f = 0; f < features.size(); f++) {
            String cell = record.cell(header.sourceIndex(featureSchemaIndex[f]));
            CellProblem problem = encodeCell(f, cell, out);
            if (problem != CellProblem.NONE) {
                lastProblem = problem;
                return f;
            }
        }
        return -1;
    }

    private CellProblem lastProblem = CellProblem.NONE;

    /** What was wrong with the cell that the last failed {@link #encode} call reported. */
    public CellProblem problem() {
        return lastProblem;
    }

    /** False when {@code cell} is certainly not a missing value: {@link DataSchema#isMissing} decides the rest. */
    private boolean mayBeMissing(String cell) {
        if (cell == null || cell.isEmpty()) {
            return true;
        }
        char first = cell.charAt(0);
        return first >= 128 || missingStarts[first] || Character.isWhitespace(first);
    }

    /**
     * As {@link #encodeCell} with the cell {@code Long.toString(value)}, without the text: a JSON
     * record's integers need not be printed and parsed again (a tenth of a 100-record request).
     */
    public CellProblem encodeInteger(int feature, long value, double[] out) {
        if (!numeric[feature] || isMissingInteger(value) || value == Long.MIN_VALUE) {
            // the text path decides (Long.MIN_VALUE: its double is not its value plus one step)
            return encodeCell(feature, Long.toString(value), out);
        }
        double number = value;
        out[feature] = number;
        long small = smallAllowed[feature];
        if (small == 0) {
            return checkDomain(feature, number);
        }
        if (value < -32 || value >= 32 || ((small >>> (value + 32)) & 1) == 0) {
            return CellProblem.NOT_ALLOWED;
        }
        return number < lowest[feature] || number > highest[feature] ? CellProblem.OUT_OF_RANGE : CellProblem.NONE;
    }

    /**
     * As {@link #encodeCell} with the cell {@code value} stands for ({@link CellValue}): a record
     * given as values (a map, JSON, a Spark row) encodes as its CSV text would.
     */
    public CellProblem encodeValue(int feature, Object value, double[] out) {
        long integer = CellValue.integerOf(value);
        return integer != CellValue.NOT_AN_INTEGER ? encodeInteger(feature, integer, out)
                : encodeCell(feature, CellValue.textOf(value), out);
    }

    /**
     * As {@link #encodeCell} with the text of the ASCII cell {@code bytes[from, to)} (a plain CSV
     * record's cell: no quote, nothing outside ASCII): an integer as {@link Long#toString} writes
     * it ({@link CellValue#canonicalInteger}) without a {@code String}.
     */
    public CellProblem encodeAscii(int feature, byte[] bytes, int from, int to, double[] out) {
        long integer = CellValue.canonicalInteger(bytes, from, to);
        return integer != CellValue.NOT_AN_INTEGER ? encodeInteger(feature, integer, out)
                : encodeCell(feature, asciiText(bytes, from, to), out);
    }

    /** The text of the ASCII cell {@code bytes[from, to)}. */
    public static String asciiText(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1); // ASCII: the same
    }

    /**
     * What a message says of a cell that broke the schema: the problem and the cell's text,
     * shortened ({@code "not a number: 'lots'"}).
     */
    public static String describe(CellProblem problem, String cell) {
        return problem.description() + ": '" + DatasetReader.abbreviate(cell) + "'";
    }

    /**
     * Bit {@code v + 32} for each allowed value {@code v} of {@code feature} when they are all
     * integers from -32 to 31; 0 when the feature has other allowed values or none listed.
     */
    public long smallAllowedIntegers(int feature) {
        return smallAllowed[feature];
    }

    private boolean isMissingInteger(long value) {
        for (long missing : missingIntegers) {
            if (missing == value) {
                return true;
            }
        }
        return false;
    }

    /** Encodes one feature cell into {@code out[feature]}. */
    public CellProblem encodeCell(int feature, String cell, double[] out) {
        ColumnSpec column = features.get(feature);
        if (mayBeMissing(cell) && schema.isMissing(cell)) {
            out[feature] = Double.NaN;
            return column.nullable() ? CellProblem.NONE : CellProblem.MISSING;
        }
        switch (column.type()) {
            case INTEGER, NUMBER -> {
                double value = CellParser.toDouble(column.type(), cell);
                out[feature] = value;
                if (Double.isNaN(value)) {
                    return column.type() == ColumnType.INTEGER ? CellProblem.NOT_AN_INTEGER : CellProblem.NOT_A_NUMBER;
                }
                return checkDomain(feature, value);
            }
            default -> {
                String value = cell.trim();
                Integer code = codes.get(feature).get(value);
                if (code == null) {
                    if (!column.allowed().isEmpty()) {
                        out[feature] = UNKNOWN_CATEGORY;
                        return CellProblem.NOT_ALLOWED;
                    }
                    if (learning) {
                        code = vocabularies.get(feature).size();
                        vocabularies.get(feature).add(value);
                        codes.get(feature).put(value, code);
                    } else {
                        out[feature] = UNKNOWN_CATEGORY;
                        return CellProblem.NONE;
                    }
                }
                out[feature] = code;
                return CellProblem.NONE;
            }
        }
    }

    /**
     * Whether {@code value} (never NaN) is one of the sorted {@code allowed} values. A few values
     * (the usual case: -1, 0, 1) are compared in turn, by bits as {@code Arrays.binarySearch}
     * compares them (so -0.0 is not 0.0 here either); profiles of predict put the binary search at 5%.
     */
    private static boolean isAllowed(double[] allowed, double value) {
        if (allowed.length > 8) {
            return java.util.Arrays.binarySearch(allowed, value) >= 0;
        }
        long bits = Double.doubleToRawLongBits(value);
        boolean found = false;
        for (double candidate : allowed) {
            found |= Double.doubleToRawLongBits(candidate) == bits; // no early exit: which value it is varies row to row
        }
        return found;
    }

    private CellProblem checkDomain(int feature, double value) {
        double[] allowed = allowedValues[feature];
        if (allowed.length > 0 && !isAllowed(allowed, value)) {
            return CellProblem.NOT_ALLOWED;
        }
        return value < lowest[feature] || value > highest[feature] ? CellProblem.OUT_OF_RANGE : CellProblem.NONE;
    }

    /**
     * The class of a label cell: THREAT, BENIGN, or null when the cell is missing or maps to
     * neither. Integer labels compare by value, so "1.0" and "1" are the same label.
     */
    public LabelSpec.LabelClass labelOf(String cell) {
        if (schema.isMissing(cell)) {
            return null;
        }
        String value = cell.trim();
        if (labelColumn.type() == ColumnType.INTEGER) {
            Long number = CellParser.parseInteger(value);
            if (number == null) {
                return null;
            }
            value = Long.toString(number);
        }
        return schema.label().classify(value);
    }
}
