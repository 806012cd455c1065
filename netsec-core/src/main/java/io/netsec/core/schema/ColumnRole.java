package io.netsec.core.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a column is for in the pipeline. */
public enum ColumnRole {
    /** An input of the model. */
    FEATURE,
    /** The class to predict; exactly one column has this role. */
    LABEL,
    /** Identifies a record; checked and passed through, never learned from. */
    ID,
    /** Read and passed through, otherwise left alone. */
    IGNORE;

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ColumnRole fromYaml(String text) {
        for (ColumnRole role : values()) {
            if (role.yamlName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown column role '" + text + "', expected one of "
                + Arrays.stream(values()).map(ColumnRole::yamlName).collect(Collectors.joining(", ")));
    }
}
