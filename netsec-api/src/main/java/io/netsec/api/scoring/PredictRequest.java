package io.netsec.api.scoring;

import io.netsec.api.problem.ApiProblem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Records to score, in one of two shapes: {@code records}, each a column name to value object, or
 * {@code columns} once and {@code rows} of values in that order (the names are not repeated in
 * every record: a body a third the size, and the cheaper one to read). Values are numbers, strings
 * or null for missing.
 *
 * @param records the records, scored in order
 * @param columns the names of the rows' values, in order
 * @param rows    the rows, scored in order
 */
@RegisterForReflection
public record PredictRequest(
        @Schema(description = "records as column name to value; names match the schema's names or aliases, ignoring case;"
                        + " at most netsec.limits.records (default 100,000) per request. Give either records, or columns"
                        + " and rows.",
                example = "[{\"having_IP_Address\": -1, \"URL_Length\": 1, \"SSLfinal_State\": -1}]")
        @Size(min = 1) List<Map<String, Object>> records,
        @Schema(description = "the column of each value of a row, in order (names or aliases, ignoring case); with rows",
                example = "[\"having_IP_Address\", \"URL_Length\", \"SSLfinal_State\"]")
        @Size(min = 1) List<String> columns,
        @Schema(description = "rows of values in the order of columns, each scored as the record it spells; with columns",
                example = "[[-1, 1, -1]]")
        @Size(min = 1) List<List<Object>> rows) {

    /**
     * The first column named twice (names compare trimmed and ignoring case, as record keys do),
     * or null: a row cannot say which of the two values a column has.
     */
    static String repeatedColumn(List<String> columns) {
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (column != null && !seen.add(column.trim().toLowerCase(Locale.ROOT))) {
                return column;
            }
        }
        return null;
    }

    /** The same records, whichever shape the request used: each row as its record. */
    List<Map<String, Object>> asRecords() {
        if (rows == null) {
            return records;
        }
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = rows.get(i);
            if (row == null || row.size() != columns.size()) {
                throw ApiProblem.invalidData((long) i + 1, null, "expected a row of "
                        + columns.size() + " values (one per column), found " + (row == null ? "null" : row.size() + " values"));
            }
            Map<String, Object> record = new LinkedHashMap<>();
            for (int c = 0; c < row.size(); c++) {
                record.put(columns.get(c), row.get(c));
            }
            out.add(record);
        }
        return out;
    }
}
