package io.netsec.core.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the cells of a column are read. */
public enum ColumnType {
    /** Whole numbers; read as numbers, so order and distance mean something. */
    INTEGER,
    /** Real numbers. */
    NUMBER,
    /** A fixed or open set of labels; encoded (one-hot or ordinal) before a model sees it. */
    CATEGORICAL,
    /** Free text; never a model feature, useful for ids and pass-through columns. */
    STRING;

    public boolean isNumeric() {
        return this == INTEGER || this == NUMBER;
    }

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ColumnType fromYaml(String text) {
        for (ColumnType type : values()) {
            if (type.yamlName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown column type '" + text + "', expected one of "
                + Arrays.stream(values()).map(ColumnType::yamlName).collect(Collectors.joining(", ")));
    }
}
