package io.netsec.core.schema;

import java.util.Objects;

/**
 * Thresholds of the drift report. The defaults follow Evidently's: statistical tests
 * (Kolmogorov-Smirnov, chi-squared) while the reference has at most {@code smallReferenceRows}
 * rows, distances (normed Wasserstein, Jensen-Shannon) beyond.
 *
 * @param pValue               a test drifts when its p-value is below this
 * @param wassersteinThreshold a numeric column drifts when its normed Wasserstein distance reaches this
 * @param jensenShannonThreshold a categorical column drifts when its Jensen-Shannon distance reaches this
 * @param psiThreshold         the population stability index that counts as a shift
 * @param smallReferenceRows   up to this many reference rows, tests are used; above, distances
 * @param datasetDriftShare    the data set drifts when at least this share of its columns drift
 */
public record DriftSettings(
        double pValue,
        double wassersteinThreshold,
        double jensenShannonThreshold,
        double psiThreshold,
        int smallReferenceRows,
        double datasetDriftShare) {

    public static final DriftSettings DEFAULTS = new DriftSettings(0.05, 0.1, 0.1, 0.2, 1000, 0.5);

    public DriftSettings {
        requireShare("p_value", pValue);
        requireShare("dataset_drift_share", datasetDriftShare);
        if (wassersteinThreshold <= 0 || jensenShannonThreshold <= 0 || psiThreshold <= 0) {
            throw new IllegalArgumentException("drift thresholds must be positive");
        }
        if (smallReferenceRows < 0) {
            throw new IllegalArgumentException("'small_reference_rows' must not be negative");
        }
    }

    /** From the keys of a schema file ({@link SchemaFormat}); null where a key is left out. */
    static DriftSettings fromYaml(
            Double pValue,
            Double wasserstein,
            Double jensenShannon,
            Double psi,
            Integer smallReferenceRows,
            Double datasetDriftShare) {
        return new DriftSettings(
                Objects.requireNonNullElse(pValue, DEFAULTS.pValue),
                Objects.requireNonNullElse(wasserstein, DEFAULTS.wassersteinThreshold),
                Objects.requireNonNullElse(jensenShannon, DEFAULTS.jensenShannonThreshold),
                Objects.requireNonNullElse(psi, DEFAULTS.psiThreshold),
                Objects.requireNonNullElse(smallReferenceRows, DEFAULTS.smallReferenceRows),
                Objects.requireNonNullElse(datasetDriftShare, DEFAULTS.datasetDriftShare));
    }

    private static void requireShare(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("'" + name + "' must be in (0, 1], got " + value);
        }
    }
}
