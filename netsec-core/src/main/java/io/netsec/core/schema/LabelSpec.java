package io.netsec.core.schema;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Maps the values of the label column to the two classes the detector predicts.
 *
 * <p>List the threat values, the benign values, or both. When only one side is listed, every
 * other value belongs to the other side: a label of attack names is declared by listing its
 * benign value ({@code benign: [normal]}) alone.
 *
 * @param column       the label column's name
 * @param threat       values that mean a threat
 * @param benign       values that mean benign traffic or a legitimate site
 * @param threatName   what predictions call the threat class when several values map to it
 * @param benignName   what predictions call the benign class when several values map to it
 */
public record LabelSpec(String column, List<String> threat, List<String> benign, String threatName, String benignName) {

    public LabelSpec {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("'label' needs a 'column'");
        }
        threat = ValueList.of(Objects.requireNonNullElse(threat, List.of()));
        benign = ValueList.of(Objects.requireNonNullElse(benign, List.of()));
        if (threat.isEmpty() && benign.isEmpty()) {
            throw new IllegalArgumentException("'label' must list its 'threat' values, its 'benign' values, or both");
        }
        for (String value : threat) {
            if (benign.contains(value)) {
                throw new IllegalArgumentException("label value '" + value + "' is listed as both threat and benign");
            }
        }
        threatName = threatName != null ? threatName : threat.size() == 1 ? threat.get(0) : "threat";
        benignName = benignName != null ? benignName : benign.size() == 1 ? benign.get(0) : "benign";
    }

    /** From the keys of a schema file ({@link SchemaFormat}); null where a key is left out. */
    static LabelSpec fromYaml(
            String column,
            List<String> threat,
            List<String> benign,
            String threatName,
            String benignName) {
        return new LabelSpec(column, threat, benign, threatName, benignName);
    }

    /** The class of a label value: THREAT, BENIGN, or null when the value belongs to neither. */
    public LabelClass classify(String value) {
        String trimmed = value.trim();
        if (threat.contains(trimmed) || (threat.isEmpty() && !benign.contains(trimmed))) {
            return LabelClass.THREAT;
        }
        if (benign.contains(trimmed) || benign.isEmpty()) {
            return LabelClass.BENIGN;
        }
        return null;
    }

    /** The label value predictions print for a class. */
    public String nameOf(LabelClass labelClass) {
        return labelClass == LabelClass.THREAT ? threatName : benignName;
    }

    /** Every value the schema names explicitly. */
    public Set<String> declaredValues() {
        return Set.copyOf(java.util.stream.Stream.concat(threat.stream(), benign.stream()).toList());
    }

    /** The two classes every label maps to. */
    public enum LabelClass { BENIGN, THREAT }
}
