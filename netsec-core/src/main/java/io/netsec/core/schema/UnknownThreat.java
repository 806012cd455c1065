package io.netsec.core.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What becomes of a threat value that no listed family names ({@code unknown_threat} in a schema). */
public enum UnknownThreat {
    /** It belongs to a family of its own, {@link #OTHER_FAMILY}. */
    OTHER,
    /** It is bad data: a labelled row holding it is refused. */
    REJECT;

    /** The name of the family of threat values no listed family names. */
    public static final String OTHER_FAMILY = "other";

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UnknownThreat fromYaml(String text) {
        for (UnknownThreat value : values()) {
            if (value.yamlName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new IllegalArgumentException("'unknown_threat' is '" + text + "', expected one of "
                + Arrays.stream(values()).map(UnknownThreat::yamlName).collect(Collectors.joining(", ")));
    }
}
