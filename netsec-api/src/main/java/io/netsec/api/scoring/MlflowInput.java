package io.netsec.api.scoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netsec.api.problem.ApiProblem;
import java.io.IOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON bodies of MLflow's scoring protocol ({@code mlflow models serve}) into records:
 * {@code dataframe_split} ({@code columns} + {@code data}), {@code dataframe_records}, and
 * {@code instances} or {@code inputs} as a list of records, a column-to-values object, or rows of
 * values in the order of {@code columns} (the schema's feature order by default). Other top-level
 * keys (MLflow's {@code params}) are skipped.
 *
 * <p>The body is read as a stream of tokens, and records are counted as they are read: one past
 * {@code netsec.limits.records} is a 413 at once, so a body of many small records cannot fill the
 * heap before the limit applies (a tree of the whole body took 128 MB for 2.3 MB of one-cell rows).
 * Rows are kept as arrays of values under one list of names, each made a record only when scored.
 */
final class MlflowInput {

    private static final List<String> KEYS = List.of("dataframe_split", "dataframe_records", "instances", "inputs");
    private static final String SPLIT_SHAPE = "dataframe_split needs 'columns' (names) and 'data' (rows of values)";

    private final JsonParser parser;
    private final int limit;

    private MlflowInput(JsonParser parser, int limit) {
        this.parser = parser;
        this.limit = limit;
    }

    /**
     * The records of the body {@code parser} reads, which must be one JSON object and nothing after it.
     *
     * @param featureOrder the names of a row's values where the body gives none
     * @param limit        the most records a request may hold
     */
    static List<Map<String, Object>> records(JsonParser parser, List<String> featureOrder, int limit) throws IOException {
        return new MlflowInput(parser, limit).body(featureOrder);
    }

    private List<Map<String, Object>> body(List<String> featureOrder) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw ApiProblem.badRequest("the body must be a JSON object with one of " + KEYS);
        }
        String shape = null;
        List<Map<String, Object>> records = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!KEYS.contains(key)) {
                parser.skipChildren();
                continue;
            }
            if (shape != null) {
                throw ApiProblem.badRequest("the body must have exactly one of " + KEYS + ", found [" + shape + ", " + key + "]");
            }
            shape = key;
            records = switch (key) {
                case "dataframe_split" -> split(value);
                case "dataframe_records" -> listOfRecords(value, key, featureOrder);
                default -> value == JsonToken.START_OBJECT ? columnar(key) : listOfRecords(value, key, featureOrder);
            };
        }
        if (shape == null) {
            throw ApiProblem.badRequest("the body must have exactly one of " + KEYS + ", found []");
        }
        if (parser.nextToken() != null) {
            throw ApiProblem.of(400, "malformed-json", "Malformed JSON", "more than one JSON value in the body (line "
                    + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr() + ")");
        }
        return records;
    }

    private List<Map<String, Object>> split(JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            throw ApiProblem.badRequest(SPLIT_SHAPE);
        }
        List<String> names = null;
        List<Object[]> rows = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken token = parser.nextToken();
            if ("columns".equals(key)) {
                if (token != JsonToken.START_ARRAY) {
                    throw ApiProblem.badRequest(SPLIT_SHAPE);
                }
                names = new ArrayList<>();
                for (JsonToken name; (name = parser.nextToken()) != JsonToken.END_ARRAY; ) {
                    names.add(name.isScalarValue() ? parser.getText() : skipped()); // as JsonNode.asText() read them
                }
            } else if ("data".equals(key)) {
                if (token != JsonToken.START_ARRAY) {
                    throw ApiProblem.badRequest(SPLIT_SHAPE);
                }
                rows = new ArrayList<>();
                for (JsonToken row; (row = parser.nextToken()) != JsonToken.END_ARRAY; ) {
                    count(rows.size());
                    rows.add(rowValues(row, rows.size() + 1L, names));
                }
            } else {
                parser.skipChildren(); // "index", as pandas writes it
            }
        }
        if (names == null || rows == null) {
            throw ApiProblem.badRequest(SPLIT_SHAPE);
        }
        for (int i = 0; i < rows.size(); i++) {
            requireWidth(rows.get(i), names.size(), i + 1L);
        }
        return new RowRecords(names, rows);
    }

    private List<Map<String, Object>> listOfRecords(JsonToken value, String key, List<String> featureOrder) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            throw ApiProblem.badRequest(key + " must be a list of records");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (JsonToken item; (item = parser.nextToken()) != JsonToken.END_ARRAY; ) {
            count(records.size());
            long row = records.size() + 1L;
            if (item == JsonToken.START_OBJECT) {
                Map<String, Object> record = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String column = parser.currentName();
                    record.put(column, scalar(parser.nextToken(), row, column));
                }
                records.add(record);
            } else if (item == JsonToken.START_ARRAY) {
                Object[] values = rowValues(item, row, featureOrder);
                requireWidth(values, featureOrder.size(), row);
                records.add(RowRecords.record(featureOrder, values));
            } else {
                throw ApiProblem.invalidData(row, null, "expected a record (object) or a row (list), found " + typeOf(item));
            }
        }
        return records;
    }

    private List<Map<String, Object>> columnar(String key) throws IOException {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        int length = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String column = parser.currentName();
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                parser.skipChildren();
                throw ApiProblem.invalidData(null, column, key + ": every column must be a list of the same length");
            }
            List<Object> values = new ArrayList<>();
            for (JsonToken token; (token = parser.nextToken()) != JsonToken.END_ARRAY; ) {
                count(values.size());
                values.add(scalar(token, values.size() + 1L, column));
            }
            if (length >= 0 && values.size() != length) {
                throw ApiProblem.invalidData(null, column, key + ": every column must be a list of the same length");
            }
            length = values.size();
            columns.put(column, values);
        }
        List<Map<String, Object>> records = new ArrayList<>(Math.max(length, 0));
        for (int i = 0; i < length; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (Map.Entry<String, List<Object>> column : columns.entrySet()) {
                record.put(column.getKey(), column.getValue().get(i));
            }
            records.add(record);
        }
        return records;
    }

    /** The values of the row whose first token is {@code token}; {@code names} (null while unknown) name them in a problem. */
    private Object[] rowValues(JsonToken token, long row, List<String> names) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            parser.skipChildren();
            throw ApiProblem.invalidData(row, null, "expected a row (a list of values), found " + typeOf(token));
        }
        List<Object> values = new ArrayList<>(names == null ? 16 : names.size());
        for (JsonToken value; (value = parser.nextToken()) != JsonToken.END_ARRAY; ) {
            int i = values.size();
            values.add(scalar(value, row, names != null && i < names.size() ? names.get(i) : null));
        }
        return values.toArray();
    }

    private static void requireWidth(Object[] values, int width, long row) {
        if (values.length != width) {
            throw ApiProblem.invalidData(row, null, "expected a row of " + width + " values, found " + values.length + " values");
        }
    }

    /** A 413 when {@code read} records are already the most a request may hold (called before reading one more). */
    private void count(int read) {
        if (read >= limit) {
            throw ApiProblem.overLimit("records", limit, "netsec.limits.records");
        }
    }

    private Object scalar(JsonToken token, long row, String column) throws IOException {
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_STRING -> parser.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> {
                parser.skipChildren(); // read through it, so that a value nested too deep is the depth's 400
                throw ApiProblem.invalidData(row, column, "wrong type: expected a number, a string or null, found "
                        + typeOf(token));
            }
        };
    }

    /** A nested column name, read through; JsonNode.asText() gave "" for one. */
    private String skipped() throws IOException {
        parser.skipChildren();
        return "";
    }

    /** The kind of value a token starts, in JsonNode's words (as problems named them before). */
    private static String typeOf(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "OBJECT";
            case START_ARRAY -> "ARRAY";
            case VALUE_STRING -> "STRING";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER";
            case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
            case VALUE_NULL -> "NULL";
            default -> token.name();
        };
    }

    /** Rows under one list of names, each made a record when it is asked for (scored), not all at once. */
    private static final class RowRecords extends AbstractList<Map<String, Object>> {

        private final List<String> names;
        private final List<Object[]> rows;

        RowRecords(List<String> names, List<Object[]> rows) {
            this.names = names;
            this.rows = rows;
        }

        static Map<String, Object> record(List<String> names, Object[] values) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                record.put(names.get(i), values[i]);
            }
            return record;
        }

        @Override
        public Map<String, Object> get(int index) {
            return record(names, rows.get(index));
        }

        @Override
        public int size() {
            return rows.size();
        }
    }
}
