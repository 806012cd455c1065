package io.netsec.core.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netsec.core.ReadLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a schema document key by key from Jackson's YAML parser into the records, through their
 * {@code fromYaml} factories (which hold the defaults). A YAML mapper did this before: building
 * it and introspecting the records cost a cold JVM about 0.2 s of CPU (a mapper's date formats
 * and locales, then every record's constructor linked by reflection), on the path of every
 * command that loads a model bundle and of the API's start; {@code SchemaYamlTest} checks that
 * this reader makes the same records as the annotated factories do through a mapper.
 *
 * <p>Scalars read as the mapper read them: any scalar where text belongs ({@code allowed: [-1, 1]}
 * gives "-1" and "1"), numbers and booleans also from their text. Faults are
 * {@link SchemaException}s with the line of the key or value at fault.
 */
final class SchemaYaml {

    /**
     * SnakeYAML's own limit on a document's characters (3 MiB by default) is lifted: the loader's
     * byte limit ({@link io.netsec.core.ReadLimits#schemaFileBytes()}, at least as many bytes as
     * characters) is the one a user sets and reads about.
     */
    private static final YAMLFactory YAML = new YAMLFactory().rebuild() // the plain factory's parser features
            .loaderOptions(loaderOptions())
            .build();

    private static final List<String> SCHEMA_KEYS = List.of("name", "description", "missing_values", "columns", "label", "drift");
    private static final List<String> COLUMN_KEYS = List.of("name", "type", "role", "allowed", "min", "max", "nullable", "aliases");
    private static final List<String> LABEL_KEYS = List.of("column", "threat", "benign", "threat_name", "benign_name");
    private static final List<String> DRIFT_KEYS = List.of("p_value", "wasserstein_threshold", "jensen_shannon_threshold",
            "psi_threshold", "small_reference_rows", "dataset_drift_share");

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    private final String source;
    private final JsonParser parser;
    private final int columnLimit = ReadLimits.schemaColumns();
    private final int listLimit = ReadLimits.schemaListEntries();
    /** The line of the key read last: its value may start on a later line. */
    private int keyLine;

    private SchemaYaml(String source, JsonParser parser) {
        this.source = source;
        this.parser = parser;
    }

    /**
     * The schema in {@code yaml}, or null when the file holds no document.
     *
     * @throws IOException a YAML syntax error (Jackson's, with its location)
     */
    static DataSchema read(String source, byte[] yaml) throws IOException {
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() == null) {
                return null;
            }
            SchemaYaml reader = new SchemaYaml(source, parser);
            DataSchema schema = reader.schema();
            for (JsonToken after = parser.nextToken(); after != null; after = parser.nextToken()) {
                if (after != JsonToken.VALUE_NULL) { // an empty document (a trailing ---) is nothing
                    throw reader.fault("more than one document in the schema file");
                }
            }
            return schema;
        }
    }

    private DataSchema schema() throws IOException {
        int line = mapping("the schema");
        String name = null;
        String description = null;
        List<String> missingValues = null;
        List<ColumnSpec> columns = null;
        LabelSpec label = null;
        DriftSettings drift = null;
        for (String key = nextKey(); key != null; key = nextKey()) {
            switch (key) {
                case "name" -> name = text(key);
                case "description" -> description = text(key);
                case "missing_values" -> missingValues = texts(key);
                case "columns" -> columns = columns(key);
                case "label" -> label = label(key);
                case "drift" -> drift = drift(key);
                default -> throw unknown(key, SCHEMA_KEYS);
            }
        }
        required(name, "name", "the schema", line);
        required(columns, "columns", "the schema", line);
        required(label, "label", "the schema", line);
        try {
            return DataSchema.fromYaml(name, description, missingValues, columns, label, drift);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw refused(line, e);
        }
    }

    private List<ColumnSpec> columns(String key) throws IOException {
        if (!list(key)) {
            return null;
        }
        List<ColumnSpec> columns = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (columns.size() == columnLimit) {
                throw fault("more than " + columnLimit + " columns (" + ReadLimits.SCHEMA_COLUMNS + ")");
            }
            columns.add(column(key + "[" + columns.size() + "]"));
        }
        return columns;
    }

    private ColumnSpec column(String where) throws IOException {
        int line = mapping(where);
        String name = null;
        ColumnType type = null;
        ColumnRole role = null;
        List<String> allowed = null;
        Double min = null;
        Double max = null;
        Boolean nullable = null;
        List<String> aliases = null;
        for (String key = nextKey(); key != null; key = nextKey()) {
            switch (key) {
                case "name" -> name = text(key);
                case "type" -> type = named(key, ColumnType::fromYaml);
                case "role" -> role = named(key, ColumnRole::fromYaml);
                case "allowed" -> allowed = texts(key);
                case "min" -> min = number(key);
                case "max" -> max = number(key);
                case "nullable" -> nullable = bool(key);
                case "aliases" -> aliases = texts(key);
                default -> throw unknown(key, COLUMN_KEYS);
            }
        }
        required(name, "name", where, line);
        required(type, "type", where, line);
        try {
            return ColumnSpec.fromYaml(name, type, role, allowed, min, max, nullable, aliases);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw refused(line, e);
        }
    }

    private LabelSpec label(String where) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        int line = mapping(where);
        String column = null;
        List<String> threat = null;
        List<String> benign = null;
        String threatName = null;
        String benignName = null;
        for (String key = nextKey(); key != null; key = nextKey()) {
            switch (key) {
                case "column" -> column = text(key);
                case "threat" -> threat = texts(key);
                case "benign" -> benign = texts(key);
                case "threat_name" -> threatName = text(key);
                case "benign_name" -> benignName = text(key);
                default -> throw unknown(key, LABEL_KEYS);
            }
        }
        required(column, "column", where, line);
        try {
            return LabelSpec.fromYaml(column, threat, benign, threatName, benignName);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw refused(line, e);
        }
    }

    private DriftSettings drift(String where) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        int line = mapping(where);
        Double pValue = null;
        Double wasserstein = null;
        Double jensenShannon = null;
        Double psi = null;
        Integer smallReferenceRows = null;
        Double datasetDriftShare = null;
        for (String key = nextKey(); key != null; key = nextKey()) {
            switch (key) {
                case "p_value" -> pValue = number(key);
                case "wasserstein_threshold" -> wasserstein = number(key);
                case "jensen_shannon_threshold" -> jensenShannon = number(key);
                case "psi_threshold" -> psi = number(key);
                case "small_reference_rows" -> smallReferenceRows = whole(key);
                case "dataset_drift_share" -> datasetDriftShare = number(key);
                default -> throw unknown(key, DRIFT_KEYS);
            }
        }
        try {
            return DriftSettings.fromYaml(pValue, wasserstein, jensenShannon, psi, smallReferenceRows, datasetDriftShare);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw refused(line, e);
        }
    }

    /** A record's refusal (its own checks), at the line where its mapping starts. */
    private SchemaException refused(int line, RuntimeException e) {
        return new SchemaException(source, line, e.getMessage());
    }

    private String text(String key) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isScalarValue()) {
            throw wrongKind(key, "a text");
        }
        return parser.getText();
    }

    private List<String> texts(String key) throws IOException {
        if (!list(key)) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (texts.size() == listLimit) {
                throw fault("'" + key + "' lists more than " + listLimit + " entries (" + ReadLimits.SCHEMA_LIST + ")");
            }
            String text = text(key);
            if (text == null) {
                throw fault("'" + key + "' holds an empty entry");
            }
            texts.add(text);
        }
        return texts;
    }

    private Double number(String key) throws IOException {
        if (blank()) {
            return null;
        }
        return switch (parser.currentToken()) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_STRING -> {
                try {
                    yield Double.parseDouble(parser.getText().trim());
                } catch (NumberFormatException e) {
                    throw fault("'" + key + "' is '" + parser.getText() + "', not a number");
                }
            }
            default -> throw wrongKind(key, "a number");
        };
    }

    private Integer whole(String key) throws IOException {
        if (blank()) {
            return null;
        }
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
            return parser.getIntValue();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = parser.getDoubleValue(); // 500.0 or 1e3, as the mapper read them; not 5.5
            if (value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE) {
                return (int) value;
            }
        }
        if (token.isScalarValue()) {
            Long value = CellParser.parseInteger(parser.getText()); // ASCII digits, as in a cell
            if (value != null && value == value.intValue()) {
                return value.intValue();
            }
            throw fault("'" + key + "' is '" + parser.getText() + "', not a whole number");
        }
        throw wrongKind(key, "a whole number");
    }

    private Boolean bool(String key) throws IOException {
        if (blank()) {
            return null;
        }
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        String text = token.isScalarValue() ? parser.getText().trim() : "";
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw token.isScalarValue() ? fault("'" + key + "' is '" + parser.getText() + "', not true or false")
                : wrongKind(key, "true or false");
    }

    /** No value, or an empty one ({@code min: ""}): the key's default, as the mapper read it. */
    private boolean blank() throws IOException {
        JsonToken token = parser.currentToken();
        return token == JsonToken.VALUE_NULL || (token == JsonToken.VALUE_STRING && parser.getText().isBlank());
    }

    /** A value named by text (a type, a role): the parse's refusal, at the value's line. */
    private <T> T named(String key, java.util.function.Function<String, T> parse) throws IOException {
        String text = text(key);
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw fault(e.getMessage());
        }
    }

    /** Requires a mapping at the current token; its line. */
    private int mapping(String what) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw fault(what + " must be a mapping of keys to values, not " + describe(parser.currentToken()));
        }
        return line();
    }

    /** True at a list; false at null (no value); a fault otherwise. */
    private boolean list(String key) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != JsonToken.START_ARRAY) {
            throw wrongKind(key, "a list");
        }
        return true;
    }

    /** The next key of the current mapping, with its value current; null at the mapping's end. */
    private String nextKey() throws IOException {
        String key = parser.nextFieldName();
        if (key != null) {
            keyLine = line();
            parser.nextToken();
        }
        return key;
    }

    private void required(Object value, String key, String where, int line) {
        if (value == null) {
            throw new SchemaException(source, line, where + " needs '" + key + "'");
        }
    }

    private SchemaException unknown(String key, List<String> known) {
        return new SchemaException(source, keyLine, "unknown key '" + key + "' (known here: " + known + ")");
    }

    private SchemaException wrongKind(String key, String what) {
        return fault("'" + key + "' holds " + describe(parser.currentToken()) + " where " + what + " belongs");
    }

    private SchemaException fault(String message) {
        return new SchemaException(source, line(), message);
    }

    private int line() {
        return Math.max(parser.currentTokenLocation().getLineNr(), 0);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_NULL -> "nothing";
            default -> "a single value";
        };
    }
}
