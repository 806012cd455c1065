package io.netsec.core.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.netsec.core.transform.FittedTransform;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a model bundle: everything needed to score (schema, category lists,
 * fitted transformation, threshold) and everything needed to trust the model (metrics,
 * provenance, checksums of the other files). Written and read through the field declarations of
 * {@code ManifestFormat}, one per field.
 *
 * <p>The bundle format version is a number each extension of the format raises; this version
 * of netsec writes the oldest version that holds what a bundle holds: {@link #PLAIN_FORMAT_VERSION}
 * for a binary model without other files, 3 with files for other programs, 4 for a class model
 * (whatever else it holds), and reads every version from
 * {@link #OLDEST_FORMAT_VERSION} up to it (a newer one is refused: it may hold what changes
 * scoring). A bundle read and written again keeps its version and its fields.
 * <ol>
 *   <li>the first: manifest, {@code model.json} (tree ensembles and linear models),
 *       {@code schema.yaml} and {@code checksums.sha256};</li>
 *   <li>the training data's duplicate rows, distinct feature vectors and vectors seen with both
 *       labels ({@link TrainingProvenance.DataProvenance}); read from version 1, they are null.</li>
 *   <li>files for other programs, listed in {@code checksums.sha256} and {@code files}, verified
 *       and written back but not read ({@link AttachedFiles}: the MLflow Model files), one folder
 *       among them ({@code code/}). A bundle without such files is still written as version 2, so
 *       an older netsec reads it.</li>
 *   <li>class models, which tell attack families apart ({@code class_trees} and
 *       {@code class_linear} in {@code model.json}); a bundle of a binary model is still
 *       written as version 2 or 3.</li>
 *   <li>the training data's feature distributions and threat share ({@code reference},
 *       {@link TrainingReference}), what the service's drift monitor compares its traffic with;
 *       a bundle without one is still written as the version it was (2 to 4).</li>
 * </ol>
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
 * @param metrics       held-out and cross-validation figures, or null
 * @param training      provenance: data, split, seed, search, library versions; or null
 * @param files         SHA-256 of every other file in the bundle, by file name
 * @param reference     the training data's distributions (format version 5), or null
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
        ModelMetrics metrics,
        TrainingProvenance training,
        Map<String, String> files,
        @JsonInclude(JsonInclude.Include.NON_NULL) TrainingReference reference) {

    public static final String FORMAT = "netsec-model-bundle";
    /** The newest bundle format version: the one this version of netsec writes for a bundle with a reference. */
    public static final int FORMAT_VERSION = 5;
    /** The format version from which a manifest may hold a {@link TrainingReference}. */
    public static final int REFERENCE_VERSION = 5;
    /** The version a bundle without {@link AttachedFiles} is written as (older netsec reads it). */
    public static final int PLAIN_FORMAT_VERSION = 2;
    /** The oldest bundle format version this version of netsec reads. */
    public static final int OLDEST_FORMAT_VERSION = 1;

    /** A manifest with a reference has format version {@value #REFERENCE_VERSION} at least (raised here). */
    public BundleManifest {
        files = inOrder(files);
        if (reference != null && formatVersion < REFERENCE_VERSION) {
            formatVersion = REFERENCE_VERSION; // so that an older netsec refuses it by its version, not by an unknown field
        }
    }

    /** A manifest without a reference (format versions 1 to 4). */
    public BundleManifest(String format, int formatVersion, String createdAt, String schemaName, String schemaSha256,
                          List<List<String>> vocabularies, FittedTransform transform, ModelInfo model, Threshold threshold,
                          ModelMetrics metrics, TrainingProvenance training, Map<String, String> files) {
        this(format, formatVersion, createdAt, schemaName, schemaSha256, vocabularies, transform, model, threshold, metrics,
                training, files, null);
    }

    /** This manifest with the format version {@code version}. */
    public BundleManifest withFormatVersion(int version) {
        return new BundleManifest(format, version, createdAt, schemaName, schemaSha256, vocabularies, transform, model,
                threshold, metrics, training, files, reference);
    }

    /** This manifest with the training data's distributions (raising the format version to {@value #REFERENCE_VERSION}). */
    public BundleManifest withReference(TrainingReference newReference) {
        return new BundleManifest(format, formatVersion, createdAt, schemaName, schemaSha256, vocabularies, transform, model,
                threshold, metrics, training, files, newReference);
    }

    /** Whether this version of netsec reads bundles of format version {@code version}. */
    public static boolean reads(int version) {
        return version >= OLDEST_FORMAT_VERSION && version <= FORMAT_VERSION;
    }

    /**
     * @param file         the model file name
     * @param family       the model family, e.g. {@code xgboost}, {@code random_forest}
     * @param parameters   the family's hyper-parameters, by name (texts, numbers, booleans), or null
     * @param featureNames the model inputs, in order
     */
    public record ModelInfo(String file, String family, Map<String, Object> parameters, List<String> featureNames) {
        public ModelInfo {
            parameters = inOrder(parameters);
        }
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

    /** An unmodifiable copy of {@code map} in its order (the order it is written in), or null. */
    static <V> Map<String, V> inOrder(Map<String, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
