package io.netsec.api.scoring;

import io.netsec.core.schema.CellParser;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.ColumnType;
import io.netsec.core.schema.DataSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The scoring requests' bodies as JSON Schema, from the served model's data schema: a record's
 * properties are its feature columns, with their types, allowed values and bounds, so that a
 * client generated from the OpenAPI document sends what the server accepts. The document is
 * stricter than the server in one way only: it names each column by its schema name (the server
 * also takes aliases, any case, and ignores other keys), so every request it allows is scored.
 */
public final class RequestSchemas {

    /** Schema names under {@code components.schemas}. */
    public static final String RECORD = "Record";
    public static final String PREDICT_REQUEST = "PredictRequest";
    public static final String MLFLOW_REQUEST = "MlflowRequest";

    /** What a value outside a column's domain gets; said in each column's description. */
    static final String DOMAIN = "A value outside the allowed values or bounds is refused with 422 (invalid-data, naming"
            + " the row and column).";

    /**
     * Text with no blank at either end: the server strips what Java counts as white space, which
     * includes U+001C to U+001F (not white space to ECMA's \\s), before testing for a missing value.
     */
    static final String TEXT = "^[^\\s\\x1c-\\x1f](.*[^\\s\\x1c-\\x1f])?$";

    private final List<ColumnSpec> features;
    private final DataSchema schema;
    private final int recordLimit;

    public RequestSchemas(DataSchema schema, int recordLimit) {
        this.schema = schema;
        this.features = schema.features();
        this.recordLimit = recordLimit;
    }

    /** One record: each feature column as a property of its type; required unless the column may be missing. */
    public Schema record() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (ColumnSpec column : features) {
            properties.put(column.name(), value(column, schema.missingValues()));
            if (!column.nullable()) {
                required.add(column.name());
            }
        }
        return object().properties(properties).required(required).additionalPropertiesBoolean(false)
                .description("One record of the served model's schema '" + schema.name() + "': its feature columns. "
                        + "The server also takes a column's aliases and any letter case, and ignores keys that name no "
                        + "feature; missing: null where the column may be missing. " + DOMAIN)
                .examples(List.of(exampleRecord()));
    }

    /** {@code POST /api/v1/predict}: records, or columns and rows. */
    public Schema predictRequest() {
        Schema records = object().properties(Map.of("records", listOf(ref(RECORD))
                        .description("the records, scored in order; at most " + recordLimit + " (netsec.limits.records)")))
                .required(List.of("records")).additionalPropertiesBoolean(false);
        Schema rows = object().properties(orderedMap("columns", columnNames(), "rows", rows()))
                .required(List.of("columns", "rows")).additionalPropertiesBoolean(false);
        return OASFactory.createSchema().oneOf(List.of(records, rows))
                .description("Either 'records' (each a column name to value object), or 'columns' once and 'rows' of values"
                        + " in that order (a third of the size). Columns here are the schema's feature columns in its"
                        + " order; the server also takes any order and subset that holds every required column.")
                .examples(List.of(Map.of("records", List.of(exampleRecord())),
                        orderedMap("columns", names(), "rows", List.of(exampleRow()))));
    }

    /** {@code POST /invocations} (JSON): MLflow's scoring protocol. */
    public Schema mlflowRequest() {
        Schema split = object().properties(orderedMap("columns", columnNames(), "data", rows()))
                .required(List.of("columns", "data"));
        List<Schema> shapes = new ArrayList<>();
        shapes.add(mlflowShape("dataframe_split", split.description("pandas' 'split' orientation: column names and rows")));
        for (String key : List.of("dataframe_records", "instances", "inputs")) {
            shapes.add(mlflowShape(key, listOf(ref(RECORD)).description("a list of records")));
        }
        return OASFactory.createSchema().oneOf(shapes)
                .description("Exactly one of dataframe_split, dataframe_records, instances or inputs, as 'mlflow models"
                        + " serve' accepts them; 'params' is accepted and ignored. The server also takes instances and"
                        + " inputs as rows in the schema's feature order or as a column to values object.")
                .examples(List.of(
                        Map.of("dataframe_split", orderedMap("columns", names(), "data", List.of(exampleRow()))),
                        Map.of("dataframe_records", List.of(exampleRecord())),
                        Map.of("instances", List.of(exampleRecord())),
                        Map.of("inputs", List.of(exampleRecord()))));
    }

    /** A CSV body: a header of the feature columns, then rows of their values (the pattern spells both). */
    public Schema csv() {
        String header = features.stream().map(c -> regexLiteral(c.name())).collect(Collectors.joining(","));
        String row = features.stream().map(RequestSchemas::cellPattern).collect(Collectors.joining(","));
        return OASFactory.createSchema().addType(SchemaType.STRING)
                .pattern("^" + header + "\\r?\\n" + row + "(\\r?\\n" + row + ")*\\r?\\n?$")
                .description("CSV with a header line naming the feature columns of schema '" + schema.name() + "' (any"
                        + " order, aliases and other columns are taken too), then one row per record; an empty cell, or one"
                        + " of " + schema.missingValues().stream().filter(v -> !v.isEmpty()).toList() + ", is missing. "
                        + DOMAIN)
                .examples(List.of(String.join(",", names()) + "\n"
                        + exampleRow().stream().map(String::valueOf).collect(Collectors.joining(",")) + "\n"));
    }

    private static Schema mlflowShape(String key, Schema value) {
        return object().properties(orderedMap(key, value, "params", object().description("ignored")))
                .required(List.of(key)).additionalPropertiesBoolean(false);
    }

    private Schema columnNames() {
        return tuple(features.stream().map(c -> OASFactory.createSchema().constValue(c.name())).toList())
                .description("the feature columns' names, in the schema's order");
    }

    private Schema rows() {
        return listOf(tuple(features.stream().map(c -> value(c, schema.missingValues())).toList())
                .description("one record's values, in the order of columns"))
                .description("rows of values, scored in order; at most " + recordLimit);
    }

    private Schema listOf(Schema items) {
        return OASFactory.createSchema().addType(SchemaType.ARRAY).items(items).minItems(1).maxItems(recordLimit);
    }

    private static Schema tuple(List<Schema> items) {
        return OASFactory.createSchema().addType(SchemaType.ARRAY).prefixItems(items).items(OASFactory.createSchema().not(
                OASFactory.createSchema())).minItems(items.size()).maxItems(items.size());
    }

    /** The values a column takes in JSON: its type, allowed values and bounds; null too where it may be missing. */
    static Schema value(ColumnSpec column, List<String> missing) {
        Schema value = OASFactory.createSchema();
        switch (column.type()) {
            case INTEGER -> value.addType(SchemaType.INTEGER);
            case NUMBER -> value.addType(SchemaType.NUMBER);
            default -> value.addType(SchemaType.STRING);
        }
        if (!column.allowed().isEmpty()) {
            List<Object> allowed = new ArrayList<>();
            column.allowed().forEach(text -> allowed.add(typed(column.type(), text)));
            value.enumeration(allowed);
        } else if (column.type().isNumeric()) {
            // An integer is read as a long: the document says so where the schema gives no bound.
            value.minimum(column.min() != null ? BigDecimal.valueOf(column.min())
                    : column.type() == ColumnType.INTEGER ? BigDecimal.valueOf(Long.MIN_VALUE) : null);
            value.maximum(column.max() != null ? BigDecimal.valueOf(column.max())
                    : column.type() == ColumnType.INTEGER ? BigDecimal.valueOf(Long.MAX_VALUE) : null);
        } else {
            // Any text but a missing-value marker (surrounding blanks are trimmed before that test).
            value.pattern(TEXT).not(OASFactory.createSchema().enumeration(new ArrayList<>(missing)));
        }
        if (column.nullable()) {
            value.addType(SchemaType.NULL);
            if (value.getEnumeration() != null) {
                value.addEnumeration(null);
            }
        }
        StringBuilder description = new StringBuilder(column.type().yamlName());
        if (!column.aliases().isEmpty()) {
            description.append("; also named ").append(String.join(", ", column.aliases()));
        }
        description.append(column.nullable() ? "; may be missing (null)" : "; required");
        return value.description(description.toString());
    }

    /** A value of every column: its first allowed value, its lower bound, or a plain value of its type. */
    private List<Object> exampleRow() {
        return features.stream().map(RequestSchemas::exampleValue).toList();
    }

    private Map<String, Object> exampleRecord() {
        Map<String, Object> record = new LinkedHashMap<>();
        features.forEach(c -> record.put(c.name(), exampleValue(c)));
        return record;
    }

    private static Object exampleValue(ColumnSpec column) {
        if (!column.allowed().isEmpty()) {
            return typed(column.type(), column.allowed().get(0));
        }
        return switch (column.type()) {
            case INTEGER -> column.min() != null ? (Object) Math.round(Math.ceil(column.min())) : 0L;
            case NUMBER -> column.min() != null ? column.min() : 0.0;
            default -> "a";
        };
    }

    private static Object typed(ColumnType type, String text) {
        return switch (type) {
            case INTEGER -> CellParser.parseInteger(text);
            case NUMBER -> CellParser.parseNumber(text);
            default -> text;
        };
    }

    /** A CSV cell of the column, as a regular expression (ECMA 262, as JSON Schema patterns are). */
    private static String cellPattern(ColumnSpec column) {
        String cell;
        if (!column.allowed().isEmpty()) {
            cell = column.allowed().stream().map(RequestSchemas::regexLiteral).collect(Collectors.joining("|", "(", ")"));
        } else if (column.type().isNumeric()) {
            cell = numberPattern(column.type() == ColumnType.INTEGER, column.min(), column.max());
        } else {
            // Lower case first, so not "NA" or "?": a missing-value marker in a required column is a 422.
            cell = "([a-z][a-z0-9_]{0,19})";
        }
        return column.nullable() ? cell + "?" : cell;
    }

    /**
     * Numbers within [min, max], as a regular expression: a regular expression of an exact range
     * would be unreadable, so this one spells a part of it by the count of digits (0 to 999.999999
     * for a maximum of 3600): every cell it allows is in range, as the document promises.
     */
    static String numberPattern(boolean integer, Double min, Double max) {
        String fraction = integer ? "" : "(\\.[0-9]{1,6})?";
        List<String> parts = new ArrayList<>();
        boolean zero = (min == null || min <= 0) && (max == null || max >= 0);
        if (zero) {
            parts.add(magnitudes(integer, max, fraction));
            if (min == null || min < 0) {
                parts.add("-" + magnitudes(integer, min == null ? null : -min, fraction));
            }
        } else {
            double bound = min != null && min > 0 ? min : max; // the range lies on one side of zero: its bound nearest zero
            parts.add(regexLiteral(integer ? String.valueOf(Math.round(Math.ceil(bound))) : BigDecimal.valueOf(bound).toPlainString()));
        }
        return "(" + String.join("|", parts) + ")";
    }

    /** Magnitudes from 0 up to at most {@code limit} (any, if null) with as many integer digits as keep below it. */
    private static String magnitudes(boolean integer, Double limit, String fraction) {
        int digits = 15;
        if (limit != null) {
            digits = 0;
            // an integer of d digits is at most 10^d - 1; a number with a fraction is below 10^d
            while (digits < 15 && (integer ? Math.pow(10, digits + 1) - 1 : Math.pow(10, digits + 1)) <= limit) {
                digits++;
            }
        }
        if (digits == 0) {
            return integer || limit == null || limit < 1 ? "0" : "0" + fraction;
        }
        return "[0-9]{1," + digits + "}" + fraction;
    }

    private static String regexLiteral(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }

    private List<String> names() {
        return features.stream().map(ColumnSpec::name).toList();
    }

    private static Schema object() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT);
    }

    private static Schema ref(String name) {
        return OASFactory.createSchema().ref(name);
    }

    private static <V> Map<String, V> orderedMap(String k1, V v1, String k2, V v2) {
        Map<String, V> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
