package io.netsec.core.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

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
 * @param families     how threat values group into the classes of a multi-class model, or null
 *                     (a binary label only); see {@link #classes()}
 * @param unknownThreat with listed families, what becomes of a threat value none of them lists
 *                     (OTHER when left out); null without families or with {@code families: each}
 *
 * <p>Families add to the binary answer, they do not change it: a threat is still any value
 * that is not benign. A label that lists only its threat values may have families too: its
 * benign class is every other value, named {@code benignName}.
 */
public record LabelSpec(String column, List<String> threat, List<String> benign, String threatName, String benignName,
                        LabelFamilies families, UnknownThreat unknownThreat) {

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
        unknownThreat = checkFamilies(families, unknownThreat, threat, benign, benignName);
    }

    /** A binary label: no families. */
    public LabelSpec(String column, List<String> threat, List<String> benign, String threatName, String benignName) {
        this(column, threat, benign, threatName, benignName, null, null);
    }

    /** Refuses families that leave a value's class unclear; returns {@code unknownThreat} with its default. */
    private static UnknownThreat checkFamilies(LabelFamilies families, UnknownThreat unknownThreat, List<String> threat,
                                               List<String> benign, String benignName) {
        if (families == null || families.each()) {
            if (unknownThreat != null) {
                throw new PlacedRefusal(PlacedRefusal.UNKNOWN_THREAT, families == null
                        ? "'unknown_threat' needs 'families'"
                        : "'unknown_threat' applies to listed families; with 'families: each' every threat value is a class");
            }
            return null;
        }
        Set<String> names = new HashSet<>();
        List<String> seen = new ArrayList<>();
        List<String> seenIn = new ArrayList<>();
        for (LabelFamilies.Family family : families.listed()) {
            String name = family.name();
            if (!names.add(name)) {
                throw new PlacedRefusal(PlacedRefusal.family(name), "family '" + name + "' is listed twice");
            }
            if (name.equals(benignName)) {
                throw new PlacedRefusal(PlacedRefusal.family(name), "family '" + name
                        + "' has the benign class's name; name it otherwise");
            }
            if (family.values().isEmpty()) {
                throw new PlacedRefusal(PlacedRefusal.family(name), "family '" + name + "' lists no label value");
            }
            for (int i = 0; i < family.values().size(); i++) {
                String value = family.values().get(i);
                String place = PlacedRefusal.value(name, i);
                int before = seen.indexOf(value);
                if (before >= 0) {
                    throw new PlacedRefusal(place, "label value '" + value + "' is in family '" + seenIn.get(before)
                            + "' and in family '" + name + "'; a value belongs to one family");
                }
                LabelClass binary = classify(value, threat, benign);
                if (binary != LabelClass.THREAT) {
                    throw new PlacedRefusal(place, "label value '" + value + "' of family '" + name + "' is "
                            + (binary == LabelClass.BENIGN ? "benign" : "not among the threat values " + threat)
                            + "; families group threat values only");
                }
                seen.add(value);
                seenIn.add(name);
            }
        }
        return Objects.requireNonNullElse(unknownThreat, UnknownThreat.OTHER);
    }

    /** From the keys of a schema file ({@link SchemaFormat}); null where a key is left out. */
    static LabelSpec fromYaml(
            String column,
            List<String> threat,
            List<String> benign,
            String threatName,
            String benignName,
            LabelFamilies families,
            UnknownThreat unknownThreat) {
        return new LabelSpec(column, threat, benign, threatName, benignName, families, unknownThreat);
    }

    /** The class of a label value: THREAT, BENIGN, or null when the value belongs to neither. */
    public LabelClass classify(String value) {
        return classify(value, threat, benign);
    }

    private static LabelClass classify(String value, List<String> threat, List<String> benign) {
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

    /** Every value the schema names explicitly (in the threat, benign and family lists). */
    public Set<String> declaredValues() {
        Set<String> values = new HashSet<>(threat);
        values.addAll(benign);
        if (families != null) {
            families.listed().forEach(family -> values.addAll(family.values()));
        }
        return Set.copyOf(values);
    }

    /** Whether the label groups its threat values into families (a multi-class label). */
    public boolean hasFamilies() {
        return families != null;
    }

    /**
     * The classes as the schema alone defines them: the benign name, the families in file order,
     * then {@link UnknownThreat#OTHER_FAMILY} when a threat value may be in no family (the label
     * does not list its threat values, or lists one no family has; a family named so takes them).
     * With {@code families: each}, the threat values the label lists.
     *
     * @throws IllegalStateException without families, or with {@code families: each} when the label
     *         lists no threat values: then the classes come from the data ({@link #classes(Collection)})
     */
    public LabelClasses classes() {
        if (families == null) {
            throw new IllegalStateException("the label '" + column + "' has no families");
        }
        List<String> names = new ArrayList<>();
        names.add(benignName);
        if (families.each()) {
            if (threat.isEmpty()) {
                throw new IllegalStateException("with 'families: each' and no 'threat' list, the classes are the"
                        + " threat values of the training data");
            }
            names.addAll(threat);
            return new LabelClasses(this, names);
        }
        families.listed().forEach(family -> names.add(family.name()));
        boolean unlisted = threat.isEmpty() || threat.stream().anyMatch(value -> families.familyIndexOf(value) < 0);
        if (unknownThreat == UnknownThreat.OTHER && unlisted && !names.contains(UnknownThreat.OTHER_FAMILY)) {
            names.add(UnknownThreat.OTHER_FAMILY);
        }
        return new LabelClasses(this, names);
    }

    /**
     * The classes of a model trained on data holding {@code labelValues}: with
     * {@code families: each} and no threat list, the benign name then each distinct threat value
     * seen, in text order (so that the order does not depend on the order of rows); otherwise
     * {@link #classes()}, which the data does not change.
     */
    public LabelClasses classes(Collection<String> labelValues) {
        if (families == null || !families.each() || !threat.isEmpty()) {
            return classes();
        }
        Set<String> seen = new TreeSet<>();
        for (String value : labelValues) {
            if (value != null && classify(value) == LabelClass.THREAT) {
                seen.add(value.trim());
            }
        }
        List<String> names = new ArrayList<>();
        names.add(benignName);
        names.addAll(seen);
        return new LabelClasses(this, names);
    }

    /** {@link #classes()}{@code .names()}. */
    public List<String> classNames() {
        return classes().names();
    }

    /** The class index of a raw label value ({@link LabelClasses#indexOf}) among {@link #classes()}. */
    public OptionalInt classIndexOf(String labelValue) {
        return classes().indexOf(labelValue);
    }

    /** The class name of a raw label value ({@link LabelClasses#familyOf}) among {@link #classes()}. */
    public Optional<String> familyOf(String labelValue) {
        return classes().familyOf(labelValue);
    }

    /** The two classes every label maps to. */
    public enum LabelClass { BENIGN, THREAT }
}
