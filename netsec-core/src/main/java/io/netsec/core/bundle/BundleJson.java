package io.netsec.core.bundle;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The project's JSON: the manifest as a bundle holds it (written through its field
 * declarations, never through a mapper's view of the records), and one mapper configuration
 * (snake_case keys, stable key order) for the other JSON netsec writes: reports, run records.
 */
public final class BundleJson {

    /** Reads and writes reports and run records. Thread-safe once built. Not for manifests: {@link #manifestJson}. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a model file is mostly numbers of 17 digits, which the JDK's parser reads slowly
            // (BigInteger on a cold JVM); Jackson's own parser gives the same doubles
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private BundleJson() {
    }

    /** {@code manifest} as {@code manifest.json} holds it (pretty-printed UTF-8). */
    public static byte[] manifestJson(BundleManifest manifest) {
        return BundleFiles.manifestJson(manifest);
    }

    /** {@code manifest} as {@code manifest.json} holds it, as a tree (for a response). */
    public static JsonNode tree(BundleManifest manifest) {
        return tree(BundleFiles.manifestJson(manifest));
    }

    /** {@code metrics} as the manifest holds them, as a tree; null for null. */
    public static JsonNode tree(ModelMetrics metrics) {
        return metrics == null ? null : tree(BundleFiles.write(ManifestFormat.METRICS, metrics, false));
    }

    private static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written just now
        }
    }
}
