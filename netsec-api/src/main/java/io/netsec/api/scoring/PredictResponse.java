package io.netsec.api.scoring;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The predictions, in the order of the request's records.
 *
 * @param predictions one per record
 */
@RegisterForReflection
public record PredictResponse(List<ScoredRecord> predictions) {
}
