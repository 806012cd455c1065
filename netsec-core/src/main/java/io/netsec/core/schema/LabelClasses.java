package io.netsec.core.schema;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The classes of a label with families, in the order a multi-class model numbers them: the
 * benign name first, then the families (in file order, or the threat values for
 * {@code families: each}), then {@link UnknownThreat#OTHER_FAMILY} where it can occur.
 *
 * @param label the label section the classes come from
 * @param names the class names; index 0 is the benign class
 */
public record LabelClasses(LabelSpec label, List<String> names) {

    public LabelClasses {
        names = List.copyOf(names);
        if (names.size() < 2) {
            throw new IllegalArgumentException("a label needs at least two classes, has " + names);
        }
    }

    /**
     * The class of a raw label value: 0 for a benign value, the index of its family for a
     * threat; empty for a value that is neither benign nor a threat, or a threat no class takes
     * ({@code unknown_threat: reject}, or a value unseen in training with {@code families: each}).
     */
    public OptionalInt indexOf(String labelValue) {
        String value = labelValue.trim();
        LabelSpec.LabelClass binary = label.classify(value);
        if (binary == null) {
            return OptionalInt.empty();
        }
        if (binary == LabelSpec.LabelClass.BENIGN) {
            return OptionalInt.of(0);
        }
        LabelFamilies families = label.families();
        if (families.each()) {
            int index = names.indexOf(value);
            return index >= 1 ? OptionalInt.of(index) : OptionalInt.empty();
        }
        int family = families.familyIndexOf(value);
        if (family >= 0) {
            return OptionalInt.of(family + 1);
        }
        int other = label.unknownThreat() == UnknownThreat.OTHER ? names.indexOf(UnknownThreat.OTHER_FAMILY) : -1;
        return other >= 1 ? OptionalInt.of(other) : OptionalInt.empty();
    }

    /** The class name of a raw label value (the benign name for a benign one), or empty as {@link #indexOf}. */
    public Optional<String> familyOf(String labelValue) {
        OptionalInt index = indexOf(labelValue);
        return index.isPresent() ? Optional.of(names.get(index.getAsInt())) : Optional.empty();
    }
}
