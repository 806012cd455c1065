package io.netsec.core.validate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How many cells of one column have one kind of fault; counts every fault, not only the sampled ones.
 *
 * @param column the schema column, or null for faults of whole rows
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProblemCount(String column, ProblemKind kind, long count) {
}
