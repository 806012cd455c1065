package io.netsec.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Label families in a schema: the classes they define, each value's class, and what is refused, at its line. */
class LabelFamiliesTest {

    /** Line numbers below count from 1 at "name: flows". */
    private static final String BINARY = """
            name: flows
            columns:
              - {name: bytes, type: number}
              - {name: label, type: string, role: label}
            label:
              column: label
              benign: [normal, benign]
              threat_name: attack
              benign_name: normal
            """;

    private static final String FAMILIES = BINARY + """
              families:
                dos: [neptune, smurf]
                probe:
                  - satan
                  - nmap
            """;

    private static DataSchema read(String yaml) {
        return SchemaLoader.parse("s.yaml", yaml.getBytes(StandardCharsets.UTF_8)).schema();
    }

    private static void assertRefused(String yaml, int line, String message) {
        SchemaException e = assertThrows(SchemaException.class, () -> read(yaml));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
    }

    @Test
    void aSchemaWithoutFamiliesReadsAndAnswersAsBefore() {
        DataSchema schema = read(BINARY);
        LabelSpec binary = new LabelSpec("label", List.of(), List.of("normal", "benign"), "attack", "normal");
        assertEquals(binary, schema.label(), "the binary label of before, with no families");
        assertEquals(new DataSchema("flows", null, null, List.of(
                new ColumnSpec("bytes", ColumnType.NUMBER, null, null, null, null, false, null),
                new ColumnSpec("label", ColumnType.STRING, ColumnRole.LABEL, null, null, null, false, null)),
                binary, null), schema, "the schema of before: files with a header line");
        assertTrue(schema.header());
        assertFalse(schema.label().hasFamilies());
        assertEquals(LabelSpec.LabelClass.BENIGN, schema.label().classify(" benign "));
        assertEquals(LabelSpec.LabelClass.THREAT, schema.label().classify("neptune"));
        assertEquals(Set.of("normal", "benign"), schema.label().declaredValues());
        assertThrows(IllegalStateException.class, () -> schema.label().classNames());
    }

    @Test
    void familiesAddClassesInFileOrderAndOtherWhereAThreatMayBeInNone() {
        LabelSpec label = read(FAMILIES).label();
        assertTrue(label.hasFamilies());
        assertEquals(UnknownThreat.OTHER, label.unknownThreat(), "the default");
        assertEquals(List.of("normal", "dos", "probe", "other"), label.classNames());
        assertEquals(OptionalInt.of(0), label.classIndexOf("benign"));
        assertEquals(OptionalInt.of(1), label.classIndexOf("smurf"));
        assertEquals(OptionalInt.of(2), label.classIndexOf(" nmap"));
        assertEquals(OptionalInt.of(3), label.classIndexOf("back"), "a threat in no family");
        assertEquals(Optional.of("normal"), label.familyOf("normal"));
        assertEquals(Optional.of("probe"), label.familyOf("satan"));
        assertEquals(Optional.of("other"), label.familyOf("guess_passwd"));
        // the binary answer is unchanged
        assertEquals(LabelSpec.LabelClass.THREAT, label.classify("satan"));
        assertEquals("attack", label.nameOf(LabelSpec.LabelClass.THREAT));
        assertTrue(label.declaredValues().containsAll(List.of("neptune", "nmap", "normal")));
    }

    @Test
    void rejectAndAListedThreatSideLeaveNoOtherClass() {
        LabelSpec reject = read(FAMILIES + "  unknown_threat: reject\n").label();
        assertEquals(List.of("normal", "dos", "probe"), reject.classNames());
        assertEquals(OptionalInt.empty(), reject.classIndexOf("back"), "no class takes it");
        assertEquals(Optional.empty(), reject.familyOf("back"));
        LabelSpec covered = read(FAMILIES.replace("benign: [normal, benign]",
                "threat: [neptune, smurf, satan, nmap]\n  benign: [normal, benign]")).label();
        assertEquals(List.of("normal", "dos", "probe"), covered.classNames(), "every threat value has a family");
        assertEquals(OptionalInt.empty(), covered.classIndexOf("back"), "neither threat nor benign");
    }

    @Test
    void aLabelListingOnlyItsThreatsHasFamiliesToo() {
        // decided: the benign class is every value the threat list lacks, named benign_name
        LabelSpec label = read(BINARY.replace("benign: [normal, benign]", "threat: [neptune, satan, back]")
                + "  families: {dos: [neptune, back], probe: [satan]}\n").label();
        assertEquals(List.of("normal", "dos", "probe"), label.classNames());
        assertEquals(OptionalInt.of(0), label.classIndexOf("anything else"));
        assertRefused(BINARY.replace("benign: [normal, benign]", "threat: [neptune, satan]")
                + "  families: {dos: [neptune, back]}\n", 10, "label value 'back' of family 'dos' is benign");
    }

    @Test
    void eachMakesAClassOfEveryThreatValue() {
        LabelSpec label = read(BINARY + "  families: each\n").label();
        assertEquals(new LabelFamilies(true, List.of()), label.families());
        assertEquals(null, label.unknownThreat());
        assertThrows(IllegalStateException.class, label::classNames, "the classes come from the data");
        LabelClasses classes = label.classes(List.of("smurf", "normal", "neptune ", "smurf", "benign"));
        assertEquals(List.of("normal", "neptune", "smurf"), classes.names(), "in text order, not the rows'");
        assertEquals(OptionalInt.of(2), classes.indexOf("smurf"));
        assertEquals(OptionalInt.of(0), classes.indexOf("benign"));
        assertEquals(OptionalInt.empty(), classes.indexOf("satan"), "unseen in training");
        LabelSpec listed = read(BINARY.replace("benign: [normal, benign]", "threat: [smurf, neptune]")
                + "  families: EACH\n").label();
        assertEquals(List.of("normal", "smurf", "neptune"), listed.classNames(), "the threat list, in file order");
        assertEquals(listed.classes(), listed.classes(List.of("neptune")), "the data does not change them");
    }

    @Test
    void refusesBadFamiliesAtTheirLine() {
        assertRefused(FAMILIES.replace("- nmap", "- smurf"), 14, "label value 'smurf' is in family 'dos' and in family 'probe'");
        assertRefused(FAMILIES.replace("[neptune, smurf]", "[neptune, normal]"), 11,
                "label value 'normal' of family 'dos' is benign; families group threat values only");
        assertRefused(FAMILIES.replace("dos: [neptune, smurf]", "dos: []"), 11, "family 'dos' lists no label value");
        assertRefused(FAMILIES.replace("dos: [neptune, smurf]", "dos:"), 11, "family 'dos' lists no label value");
        assertRefused(FAMILIES.replace("dos: [neptune, smurf]", "normal: [neptune, smurf]"), 11,
                "family 'normal' has the benign class's name");
        assertRefused(FAMILIES.replace("probe:", "dos:"), 12, "family 'dos' is listed twice");
        assertRefused(BINARY + "  families: {}\n", 10, "'families' lists no family");
        assertRefused(BINARY + "  families: all\n", 10, "'families' is 'all': write a mapping of family names");
        assertRefused(BINARY + "  unknown_threat: other\n", 10, "'unknown_threat' needs 'families'");
        assertRefused(BINARY + "  families: each\n  unknown_threat: reject\n", 11,
                "'unknown_threat' applies to listed families");
        assertRefused(FAMILIES + "  unknown_threat: ignore\n", 15, "'unknown_threat' is 'ignore', expected one of other, reject");
    }

    @Test
    void refusesAFamilyValueTheLabelColumnDoesNotAllow() {
        assertRefused(FAMILIES.replace("role: label}", "role: label, allowed: [normal, benign, neptune, smurf, satan]}"), 14,
                "label value 'nmap' of family 'probe' is not among the allowed values");
    }

    @Test
    void readsHeaderFalse() {
        assertFalse(read("header: false\n" + BINARY).header());
        assertTrue(read("header: true\n" + BINARY).header());
        assertRefused("header: maybe\n" + BINARY, 1, "'header' is 'maybe', not true or false");
    }

    @Test
    void readsTheProjectsNslKddSchema() {
        DataSchema schema = SchemaLoader.load(io.netsec.core.testing.TestData.repoDir().resolve("data_schema/nslkdd.yaml"))
                .schema();
        assertFalse(schema.header());
        assertEquals(43, schema.columns().size());
        assertEquals(41, schema.features().size());
        assertEquals(ColumnRole.IGNORE, schema.columns().get(42).role());
        assertEquals(List.of("normal", "dos", "probe", "r2l", "u2r", "other"), schema.label().classNames());
        assertEquals(Optional.of("u2r"), schema.label().familyOf("buffer_overflow"));
        assertEquals(Optional.of("other"), schema.label().familyOf("worm"), "an attack in none of the four");
        assertEquals("attack", schema.label().threatName());
    }
}
