package io.netsec.api.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One record's prediction as the JSON API returns it.
 *
 * @param label         the label as the schema spells it
 * @param probability   the threat probability
 * @param threat        whether it reaches the model's threshold
 * @param contributions each model input's contribution to the raw score (only with {@code explain=true})
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoredRecord(
        @Schema(example = "-1") String label,
        @Schema(example = "0.97") double probability,
        boolean threat,
        @Schema(description = "per-input contribution to the raw score; only with explain=true") Map<String, Double> contributions) {
}
