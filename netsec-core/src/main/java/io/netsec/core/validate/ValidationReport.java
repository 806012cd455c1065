package io.netsec.core.validate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a data set really holds compared with its schema. Made by {@link Validator}; serialises
 * to JSON with snake_case keys ({@link #toJson()}):
 *
 * <pre>{@code
 * {"source": "phisingData.csv", "schema": "phishing", "valid": true, "rows_read": 11055,
 *  "missing_columns": [], "unexpected_columns": [], "problem_count": 0, "problems": [],
 *  "problem_counts": [], "missing_values": {"having_IP_Address": 0, ...},
 *  "duplicates": {"duplicate_rows": 5206, "distinct_rows": 5849},
 *  "conflicts": {"distinct_feature_vectors": 5785, "conflicting_vectors": 64, "rows_covered": 357},
 *  "class_balance": {"threat": 4898, "benign": 6157, "unlabelled": 0, "threat_share": 0.443, ...}}
 * }</pre>
 *
 * @param source            the file or collection read
 * @param schema            the schema's name
 * @param valid             false when a schema column is missing or any cell or row breaks the schema
 * @param rowsRead          data rows read (the header not counted)
 * @param missingColumns    schema columns the source lacks
 * @param unexpectedColumns source columns the schema does not know (reported, not a fault)
 * @param problemCount      every fault found, of every kind
 * @param problems          the first faults in reading order, at most {@link ValidationOptions#maxProblems()}
 * @param problemCounts     faults per column and kind, in schema order
 * @param missingValues     missing cells per schema column present in the source, in schema order
 * @param duplicates        exact repeats among the rows
 * @param conflicts         feature vectors seen with both classes
 * @param classBalance      threat and benign rows
 * @param drift             the drift report against a reference, or null when none was given
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationReport(
        String source,
        String schema,
        boolean valid,
        long rowsRead,
        List<String> missingColumns,
        List<String> unexpectedColumns,
        long problemCount,
        List<CellIssue> problems,
        List<ProblemCount> problemCounts,
        Map<String, Long> missingValues,
        DuplicateSummary duplicates,
        ConflictSummary conflicts,
        ClassBalance classBalance,
        DriftReport drift) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public ValidationReport {
        Objects.requireNonNull(source, "source");
        missingColumns = List.copyOf(missingColumns);
        unexpectedColumns = List.copyOf(unexpectedColumns);
        problems = List.copyOf(problems);
        problemCounts = List.copyOf(problemCounts);
        missingValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(missingValues));
    }

    /** This report with {@code drift} attached. */
    public ValidationReport withDrift(DriftReport drift) {
        return new ValidationReport(source, schema, valid, rowsRead, missingColumns, unexpectedColumns, problemCount,
                problems, problemCounts, missingValues, duplicates, conflicts, classBalance, drift);
    }

    /** The total count of faults of {@code kind} in {@code column} (null column: whole-row faults). */
    public long count(String column, ProblemKind kind) {
        return problemCounts.stream()
                .filter(c -> Objects.equals(c.column(), column) && c.kind() == kind)
                .mapToLong(ProblemCount::count)
                .sum();
    }

    /** The report as indented JSON with snake_case keys. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
