package io.netsec.core.validate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The drift verdict of one feature column.
 *
 * @param column          the feature column
 * @param method          {@value DriftDetector#KS}, {@value DriftDetector#CHI_SQUARED},
 *                        {@value DriftDetector#WASSERSTEIN}, {@value DriftDetector#JENSEN_SHANNON}, or
 *                        {@value DriftDetector#NONE} when one side has no values (or a single one where
 *                        a KS test is due): no verdict can be drawn, so the column does not drift
 * @param statistic       the test statistic (KS D, chi-squared) or the distance
 * @param pValue          the test's p-value; null for the distances
 * @param threshold       the p-value below which, or the distance from which, the column drifts
 * @param drift           the verdict
 * @param psi             the population stability index (reference deciles or categories)
 * @param psiShift        whether the PSI reaches the schema's {@code psi_threshold} (informative; the verdict is {@code drift})
 * @param referenceValues non-missing cells in the reference
 * @param currentValues   non-missing cells in the current data
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ColumnDrift(
        String column,
        String method,
        double statistic,
        Double pValue,
        double threshold,
        boolean drift,
        double psi,
        boolean psiShift,
        long referenceValues,
        long currentValues) {
}
