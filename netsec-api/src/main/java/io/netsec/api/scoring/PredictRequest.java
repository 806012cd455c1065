package io.netsec.api.scoring;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Records to score, each a column name to value object (numbers, strings or null for missing).
 *
 * @param records the records, scored in order
 */
@RegisterForReflection
public record PredictRequest(
        @Schema(description = "records as column name to value; names match the schema's names or aliases, ignoring case;"
                        + " at most netsec.limits.records (default 100,000) per request",
                example = "[{\"having_IP_Address\": -1, \"URL_Length\": 1, \"SSLfinal_State\": -1}]")
        @NotNull @Size(min = 1) List<Map<String, Object>> records) {
}
