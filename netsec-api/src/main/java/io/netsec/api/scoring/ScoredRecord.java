package io.netsec.api.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One record's prediction as the JSON API returns it.
 *
 * @param label         the predicted class by the schema's name for it (its threat or benign name)
 * @param probability   the threat probability
 * @param threat        whether it reaches the model's threshold
 * @param contributions each model input's contribution to the raw score (only with {@code explain=true})
 * @param family        for a model that tells attack families apart: a threat's most probable family, else
 *                      the benign class's name; absent for a model that scores threat or benign only
 * @param probabilities for a model that tells attack families apart: each class's probability, by class
 *                      name (the benign class first); absent otherwise
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoredRecord(
        @Schema(example = "phishing", description = "the predicted class, by the schema's name for it (label.threat_name or"
                + " label.benign_name)") String label,
        @Schema(example = "0.97", description = "the probability of the threat class (not of 'label'), from 0 to 1")
        double probability,
        @Schema(description = "whether the threat probability reaches the model's decision threshold") boolean threat,
        @Schema(description = "per-input contribution to the raw score; only with explain=true") Map<String, Double> contributions,
        @Schema(description = "the attack family: only when the served model tells families apart") String family,
        @Schema(description = "each class's probability: only when the served model tells families apart")
        Map<String, Double> probabilities) {

    /** The prediction of a model that scores threat or benign only: no family. */
    public ScoredRecord(String label, double probability, boolean threat, Map<String, Double> contributions) {
        this(label, probability, threat, contributions, null, null);
    }
}
