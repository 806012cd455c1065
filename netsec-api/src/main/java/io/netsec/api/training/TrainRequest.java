package io.netsec.api.training;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a training job may choose; the data and the schema are the server's (configured), never a
 * path from the request.
 *
 * @param models    model families to compare (default: the standard search space)
 * @param folds     cross-validation folds (default 5)
 * @param bootstrap bootstrap resamples for the confidence intervals (default 1000)
 * @param seed      the seed (default 42)
 */
@RegisterForReflection
public record TrainRequest(
        @Schema(example = "[\"logistic\", \"j48\"]")
        // anchored, so the OpenAPI document's pattern (a search, where Bean Validation's is a full match) says the same
        @Size(min = 1, max = 5) List<@NotNull(message = "must be one of random_forest, xgboost, logistic, j48, adaboost")
                @Pattern(regexp = "^(random_forest|xgboost|logistic|j48|adaboost)$",
                message = "must be one of random_forest, xgboost, logistic, j48, adaboost") String> models,
        @Min(2) @Max(20) Integer folds,
        @Min(0) @Max(10_000) Integer bootstrap,
        Long seed) {
}
