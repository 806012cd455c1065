package io.netsec.api.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Caps the nesting depth of every JSON body ({@code netsec.limits.json-depth}): a body of a
 * hundred thousand brackets is a 400 after a few dozen levels, not a deep recursion.
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
    }
}
