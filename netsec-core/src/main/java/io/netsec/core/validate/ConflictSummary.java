package io.netsec.core.validate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Feature vectors that occur with both classes: no model can get all of their rows right, so
 * they bound the accuracy any detector can reach on this data.
 *
 * @param distinctFeatureVectors distinct feature vectors in the data
 * @param conflictingVectors     distinct feature vectors seen with a threat label and with a benign label
 * @param rowsCovered            rows whose feature vector is one of those
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConflictSummary(long distinctFeatureVectors, long conflictingVectors, long rowsCovered) {
}
