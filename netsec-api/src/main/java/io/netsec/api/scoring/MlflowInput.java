package io.netsec.api.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.api.problem.ApiProblem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON bodies of MLflow's scoring protocol ({@code mlflow models serve}) into records:
 * {@code dataframe_split} ({@code columns} + {@code data}), {@code dataframe_records}, and
 * {@code instances} or {@code inputs} as a list of records, a column-to-values object, or rows of
 * values in the order of {@code columns} (the schema's feature order by default).
 */
final class MlflowInput {

    private static final List<String> KEYS = List.of("dataframe_split", "dataframe_records", "instances", "inputs");

    private MlflowInput() {
    }

    static List<Map<String, Object>> records(JsonNode body, List<String> featureOrder) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("the body must be a JSON object with one of " + KEYS);
        }
        List<String> present = KEYS.stream().filter(body::has).toList();
        if (present.size() != 1) {
            throw ApiProblem.badRequest("the body must have exactly one of " + KEYS + ", found " + present);
        }
        String key = present.get(0);
        JsonNode value = body.get(key);
        return switch (key) {
            case "dataframe_split" -> split(value);
            case "dataframe_records" -> listOfRecords(value, key, featureOrder);
            default -> value.isObject() ? columnar(value, key) : listOfRecords(value, key, featureOrder);
        };
    }

    private static List<Map<String, Object>> split(JsonNode split) {
        JsonNode columns = split.path("columns");
        JsonNode data = split.path("data");
        if (!columns.isArray() || !data.isArray()) {
            throw ApiProblem.badRequest("dataframe_split needs 'columns' (names) and 'data' (rows of values)");
        }
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.asText()));
        List<Map<String, Object>> records = new ArrayList<>();
        for (JsonNode row : data) {
            records.add(rowRecord(row, names, records.size() + 1));
        }
        return records;
    }

    private static List<Map<String, Object>> listOfRecords(JsonNode list, String key, List<String> featureOrder) {
        if (!list.isArray()) {
            throw ApiProblem.badRequest(key + " must be a list of records");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (JsonNode item : list) {
            long row = records.size() + 1;
            if (item.isObject()) {
                Map<String, Object> record = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                    var field = it.next();
                    record.put(field.getKey(), scalar(field.getValue(), row, field.getKey()));
                }
                records.add(record);
            } else if (item.isArray()) {
                records.add(rowRecord(item, featureOrder, row));
            } else {
                throw ApiProblem.invalidData(row, null, "expected a record (object) or a row (list), found " + item.getNodeType());
            }
        }
        return records;
    }

    private static List<Map<String, Object>> columnar(JsonNode columns, String key) {
        List<Map<String, Object>> records = new ArrayList<>();
        int length = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = columns.fields(); it.hasNext(); ) {
            var column = it.next();
            if (!column.getValue().isArray() || (length >= 0 && column.getValue().size() != length)) {
                throw ApiProblem.invalidData(null, column.getKey(), key + ": every column must be a list of the same length");
            }
            length = column.getValue().size();
            for (int i = 0; i < length; i++) {
                if (records.size() <= i) {
                    records.add(new LinkedHashMap<>());
                }
                records.get(i).put(column.getKey(), scalar(column.getValue().get(i), i + 1, column.getKey()));
            }
        }
        return records;
    }

    private static Map<String, Object> rowRecord(JsonNode row, List<String> names, long rowNumber) {
        if (!row.isArray() || row.size() != names.size()) {
            throw ApiProblem.invalidData(rowNumber, null, "expected a row of " + names.size() + " values, found "
                    + (row.isArray() ? row.size() + " values" : row.getNodeType().toString()));
        }
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            record.put(names.get(i), scalar(row.get(i), rowNumber, names.get(i)));
        }
        return record;
    }

    private static Object scalar(JsonNode value, long row, String column) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        throw ApiProblem.invalidData(row, column, "wrong type: expected a number, a string or null, found " + value.getNodeType());
    }
}
