package io.netsec.core.bundle;

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
        Map<String, String> files) {

    public static final String FORMAT = "netsec-model-bundle";
    /** The newest bundle format version: the one this version of netsec writes for a class model. */
    public static final int FORMAT_VERSION = 4;
    /** The version a bundle without {@link AttachedFiles} is written as (older netsec reads it). */
    public static final int PLAIN_FORMAT_VERSION = 2;
    /** The oldest bundle format version this version of netsec reads. */
    public static final int OLDEST_FORMAT_VERSION = 1;

    public BundleManifest {
        files = inOrder(files);
    }

    /** This manifest with the format version {@code version}. */
    public BundleManifest withFormatVersion(int version) {
        return new BundleManifest(format, version, createdAt, schemaName, schemaSha256, vocabularies, transform, model,
                threshold, metrics, training, files);
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
