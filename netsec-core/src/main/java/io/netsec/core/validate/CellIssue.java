package io.netsec.core.validate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One cell (or row) that breaks the schema.
 *
 * @param row     the 1-based data row (the header is row 0)
 * @param column  the schema column, or null for a fault of the whole row ({@link ProblemKind#RAGGED_ROW})
 * @param value   the cell as read (shortened to 40 characters), or a description of the row
 * @param kind    what kind of fault it is
 * @param problem a sentence for humans
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CellIssue(long row, String column, String value, ProblemKind kind, String problem) {
}
