package io.netsec.api.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Caps the nesting depth of every JSON body ({@code netsec.limits.json-depth}): a body of a
 * hundred thousand brackets is a 400 after a few dozen levels, not a deep recursion. A body is one
 * JSON document: anything after it but white space (garbage, a second document) is a 400, where
 * Jackson would ignore it by default and score or train on the first part alone.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    private final NetsecConfig config;

    public JsonLimits(NetsecConfig config) {
        this.config = config;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(config.limits().jsonDepth())
                .build());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
