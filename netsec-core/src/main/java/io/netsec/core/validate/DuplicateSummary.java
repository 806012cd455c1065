package io.netsec.core.validate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Exact repeats among the rows, compared on the feature and label cells (id and ignore columns
 * are left out: a record repeated under a new id is still a repeat for a model). Cells compare
 * as trimmed text, and every missing marker counts as the same "missing".
 *
 * @param duplicateRows rows that repeat an earlier row
 * @param distinctRows  rows that differ from every earlier row
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DuplicateSummary(long duplicateRows, long distinctRows) {
}
