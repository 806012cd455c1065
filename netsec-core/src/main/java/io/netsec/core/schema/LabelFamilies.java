package io.netsec.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * How the threat values of a label group into the classes a multi-class model tells apart: the
 * families a schema lists (in file order), or one class per threat value ({@code families: each}).
 *
 * @param each   one class per threat value, found in the training data when the label lists no threat values
 * @param listed the families the schema lists, in file order (empty with {@code each})
 */
public record LabelFamilies(boolean each, List<Family> listed) {

    /** One class per threat value. */
    public static final LabelFamilies EACH = new LabelFamilies(true, List.of());

    public LabelFamilies {
        listed = List.copyOf(Objects.requireNonNullElse(listed, List.of()));
        if (each && !listed.isEmpty()) {
            throw new IllegalArgumentException("'families: each' lists no families");
        }
        if (!each && listed.isEmpty()) {
            throw new IllegalArgumentException("'families' lists no family; list some, or write 'families: each'");
        }
    }

    /** Families as a schema lists them. */
    public static LabelFamilies of(List<Family> families) {
        return new LabelFamilies(false, families);
    }

    /** The 0-based position of the family listing {@code value}, or -1. */
    int familyIndexOf(String value) {
        for (int i = 0; i < listed.size(); i++) {
            if (listed.get(i).values().contains(value)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * One family: its name (what predictions call it) and the label values it groups.
     *
     * @param name   the family's name, e.g. {@code dos}
     * @param values the label values it groups (threat values only)
     */
    public record Family(String name, List<String> values) {

        public Family {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a family needs a name");
            }
            values = ValueList.of(Objects.requireNonNullElse(values, List.of()));
        }
    }
}
