package io.netsec.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.ReadLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The bounds of what a schema may be ({@link ReadLimits}): its size, its longest line, its
 * columns and the entries of a list. Each is refused naming the file and, where there is one, the
 * line; everything within them loads. The schema a bundle carries and the API's go through the
 * same loader.
 */
class SchemaLimitsTest {

    private static final String TAIL = """
              - {name: label, type: string, role: label}
            label: {column: label, benign: [normal]}
            """;

    private static LoadedSchema parse(String yaml) {
        return SchemaLoader.parse("s.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static SchemaException refusal(String yaml) {
        return assertThrows(SchemaException.class, () -> parse(yaml));
    }

    /**
     * The YAML scanner's look-ahead copies itself every 1,024 characters, so one long line cost
     * time and memory in its length squared (a 16 MB quoted text: 60 s and 1.5 GB). A line over
     * the limit is refused before the scanner sees it.
     */
    @Test
    void aLineOverTheLimitIsRefusedWithItsLineNumber() {
        String longText = "x".repeat(ReadLimits.SCHEMA_LINE_BYTES);
        SchemaException e = refusal("name: s\ndescription: \"" + longText + "\"\ncolumns:\n  - {name: c, type: integer}\n" + TAIL);
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("s.yaml:2: the line is " + (longText.length() + 15)
                + " bytes long, over the limit of 64 KiB"), e.getMessage());
        // the same text folded over lines of a few thousand characters loads, whole
        String folded = longText.replaceAll("(.{4000})", "$1\n  ");
        LoadedSchema loaded = parse("name: s\ndescription: >-\n  " + folded
                + "\ncolumns:\n  - {name: c, type: integer}\n" + TAIL);
        assertTrue(loaded.schema().description().replace(" ", "").equals(longText), "the folded text");
        SchemaException comment = refusal("name: s\n# " + longText + "\ncolumns:\n  - {name: c, type: integer}\n" + TAIL);
        assertEquals(2, comment.line(), "a comment line too: the scanner looks ahead to its end");
    }

    /** SnakeYAML stopped at 3 MiB characters (after scanning them); the documented byte limit is the one that holds. */
    @Test
    void aSchemaUpToTheFileLimitLoadsAndOneOverItIsRefusedBeforeParsing() {
        StringBuilder yaml = new StringBuilder("name: big\ncolumns:\n  - name: c\n    type: categorical\n    allowed:\n");
        int n = 0;
        while (yaml.length() < 3_500_000) {
            yaml.append("      - value_").append(n++).append('\n');
        }
        String big = yaml + TAIL;
        String before = System.setProperty(ReadLimits.SCHEMA_LIST, "1000000");
        try {
            assertEquals(n, parse(big).schema().column("c").allowed().size());
            System.setProperty(ReadLimits.SCHEMA_FILE, "3M");
            SchemaException e = refusal(big);
            assertEquals("s.yaml: is " + big.length() + " bytes, over the limit of 3 MiB (netsec.limits.schema-file); refused",
                    e.getMessage());
        } finally {
            restore(ReadLimits.SCHEMA_LIST, before);
            System.clearProperty(ReadLimits.SCHEMA_FILE);
        }
    }

    @Test
    void moreColumnsThanTheLimitAreRefusedAtTheFirstOneOver() {
        String yaml = "name: s\ncolumns:\n  - {name: a, type: integer}\n  - {name: b, type: integer}\n" + TAIL;
        SchemaException e = withSetting(ReadLimits.SCHEMA_COLUMNS, "2", () -> refusal(yaml));
        assertEquals("s.yaml:5: more than 2 columns (netsec.limits.schema-columns)", e.getMessage());
        assertEquals(3, withSetting(ReadLimits.SCHEMA_COLUMNS, "3", () -> parse(yaml)).schema().columns().size());
    }

    @Test
    void aListLongerThanTheLimitIsRefusedAtTheFirstEntryOver() {
        for (String list : List.of("allowed", "aliases")) {
            String yaml = "name: s\ncolumns:\n  - name: c\n    type: categorical\n    " + list + ": [a, b,\n      c]\n" + TAIL;
            SchemaException e = withSetting(ReadLimits.SCHEMA_LIST, "2", () -> refusal(yaml));
            assertEquals("s.yaml:6: '" + list + "' lists more than 2 entries (netsec.limits.schema-list)", e.getMessage());
        }
        String labels = "name: s\ncolumns:\n  - {name: c, type: integer}\n  - {name: label, type: string, role: label}\n"
                + "label: {column: label, threat: [a, b, c]}\n";
        SchemaException e = withSetting(ReadLimits.SCHEMA_LIST, "2", () -> refusal(labels));
        assertEquals("s.yaml:5: 'threat' lists more than 2 entries (netsec.limits.schema-list)", e.getMessage());
    }

    /** Long lists are looked up, not searched: the label of a row, a missing marker, an allowed label value. */
    @Test
    void longListsKeepTheirOrderAndMeaning() {
        StringBuilder threat = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            threat.append("      - attack_").append(i).append('\n');
        }
        LoadedSchema loaded = parse("name: s\nmissing_values: [\"?\", \"-\", n/a, none, nil, NA, \"\", unknown]\n"
                + "columns:\n  - {name: c, type: integer}\n  - {name: label, type: string, role: label}\n"
                + "label:\n  column: label\n  benign: [normal]\n  threat:\n" + threat);
        LabelSpec label = loaded.schema().label();
        assertEquals("attack_19999", label.threat().get(19_999));
        assertEquals(LabelSpec.LabelClass.THREAT, label.classify("attack_12345"));
        assertEquals(LabelSpec.LabelClass.BENIGN, label.classify(" normal "));
        assertEquals(null, label.classify("attack_20000"));
        assertTrue(loaded.schema().isMissing(" unknown"));
        assertTrue(!loaded.schema().isMissing("known"));
        assertEquals(List.of("?", "-", "n/a", "none", "nil", "NA", "", "unknown"), loaded.schema().missingValues());
    }

    private static <T> T withSetting(String name, String value, Supplier<T> action) {
        String before = System.setProperty(name, value);
        try {
            return action.get();
        } finally {
            restore(name, before);
        }
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
