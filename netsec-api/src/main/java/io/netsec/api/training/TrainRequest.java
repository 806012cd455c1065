package io.netsec.api.training;

import io.netsec.api.problem.ApiProblem;
import io.netsec.api.problem.Problem.FieldError;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
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
        @Size(min = 1, max = 5) List<@Pattern(regexp = "random_forest|xgboost|logistic|j48|adaboost",
                message = "must be one of random_forest, xgboost, logistic, j48, adaboost") String> models,
        @Min(2) @Max(20) Integer folds,
        @Min(0) @Max(10_000) Integer bootstrap,
        Long seed) {

    private static final Set<String> FAMILIES = Set.of("random_forest", "xgboost", "logistic", "j48", "adaboost");

    /**
     * Checks the bounds the annotations declare (they document the schema), with the fields and
     * messages Bean Validation gave, so the 400 answer is unchanged without its start-up cost.
     */
    public void requireValid() {
        List<FieldError> errors = new ArrayList<>();
        if (models != null) {
            if (models.isEmpty() || models.size() > 5) {
                errors.add(new FieldError("models", "size must be between 1 and 5"));
            }
            for (int i = 0; i < models.size(); i++) {
                if (models.get(i) != null && !FAMILIES.contains(models.get(i))) {
                    errors.add(new FieldError("models[" + i + "].<list element>",
                            "must be one of random_forest, xgboost, logistic, j48, adaboost"));
                }
            }
        }
        within(errors, "folds", folds, 2, 20);
        within(errors, "bootstrap", bootstrap, 0, 10_000);
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw ApiProblem.validation(errors);
        }
    }

    private static void within(List<FieldError> errors, String field, Integer value, int min, int max) {
        if (value != null && value < min) {
            errors.add(new FieldError(field, "must be greater than or equal to " + min));
        } else if (value != null && value > max) {
            errors.add(new FieldError(field, "must be less than or equal to " + max));
        }
    }
}
