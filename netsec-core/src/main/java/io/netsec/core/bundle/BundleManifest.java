package io.netsec.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.core.transform.FittedTransform;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a model bundle: everything needed to score (schema, category lists,
 * fitted transformation, threshold) and everything needed to trust the model (metrics,
 * provenance, checksums of the other files).
 *
 * @param format        always {@value #FORMAT}
 * @param formatVersion the bundle format version this file follows
 * @param createdAt     ISO-8601 creation time
 * @param schemaName    the schema's name
 * @param schemaSha256  SHA-256 of the schema file the model was trained with (stored as schema.yaml)
 * @param vocabularies  the category list of each feature (empty for numeric ones)
 * @param transform     the transformation fitted on the training rows
 * @param model         what the model file holds
 * @param threshold     the decision threshold on the threat probability and how it was chosen
 * @param metrics       held-out and cross-validation figures ({@code metrics.test.accuracy}, ...)
 * @param training      provenance: data, split, seed, search, library versions
 * @param files         SHA-256 of every other file in the bundle, by file name
 */
public record BundleManifest(
        String format,
        int formatVersion,
        String createdAt,
        String schemaName,
        String schemaSha256,
        List<List<String>> vocabularies,
        FittedTransform transform,
        ModelInfo model,
        Threshold threshold,
        JsonNode metrics,
        JsonNode training,
        Map<String, String> files) {

    public static final String FORMAT = "netsec-model-bundle";
    public static final int FORMAT_VERSION = 1;

    /**
     * @param file         the model file name
     * @param family       the model family, e.g. {@code xgboost}, {@code random_forest}
     * @param parameters   the family's hyper-parameters
     * @param featureNames the model inputs, in order
     */
    public record ModelInfo(String file, String family, JsonNode parameters, List<String> featureNames) {
    }

    /**
     * @param value the threat probability at or above which a record is a threat
     * @param rule  how it was chosen: {@code max_f1}, {@code target_fpr} or {@code fixed}
     * @param targetFalsePositiveRate the target when the rule is {@code target_fpr}
     */
    public record Threshold(double value, String rule, Double targetFalsePositiveRate) {
        public Threshold {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("a threshold is a probability in [0, 1], got " + value);
            }
        }
    }
}
