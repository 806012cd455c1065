package io.netsec.core.bundle;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON configuration of bundle files: snake_case keys, stable key order. */
public final class BundleJson {

    /** Reads and writes manifests and model files. Thread-safe once built. */
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
}
