package io.netsec.core.validate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One cell (or row) that breaks the schema.
 *
 * @param row     the 1-based data row (the header is row 0)
 * @param documentId the {@code _id} of the document, as messages quote it, when the data is a
 *                collection (the row number alone does not find a document); absent for a file
 * @param column  the schema column, or null for a fault of the whole row ({@link ProblemKind#RAGGED_ROW})
 * @param value   the cell as read (shortened to 40 characters), or a description of the row
 * @param kind    what kind of fault it is
 * @param problem a sentence for humans
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CellIssue(long row, @JsonInclude(JsonInclude.Include.NON_NULL) String documentId, String column,
                        String value, ProblemKind kind, String problem) {
}
