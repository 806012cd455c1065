package io.netsec.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schema reader: every key, the defaults of the keys left out, the scalars a YAML mapper read
 * (before {@link SchemaFormat}, a mapper over annotated factories was the reference; the reader
 * passed that differential test before the annotations went), and the line of what it refuses.
 */
class SchemaYamlTest {

    private static final String FULL = """
            # every key once
            name: flows
            description: "flow records"
            missing_values: ["?", "-", 0]
            columns:
              - name: id
                type: string
                role: id
              - {name: bytes, type: number, min: 0, max: 1.5e9, nullable: true, aliases: [octets, "n bytes"]}
              - name: port
                type: integer
                allowed: [-1, 0, 1]
                nullable: false
              - name: proto
                type: CATEGORICAL
                allowed: [tcp, udp, 1.5, true]
              - name: note
                type: string
                role: ignore
              - name: label
                type: string
                role: label
            label:
              column: label
              threat: [attack, "1"]
              benign: [normal]
              threat_name: attack
              benign_name: normal
            drift:
              p_value: 0.01
              wasserstein_threshold: 0.2
              jensen_shannon_threshold: 0.15
              psi_threshold: 0.25
              small_reference_rows: 500
              dataset_drift_share: 0.4
            """;

    /** FULL as records: what each key means. */
    private static DataSchema full(ColumnSpec bytes, LabelSpec label, DriftSettings drift, String description,
                                   List<String> missing) {
        return new DataSchema("flows", description, missing, List.of(
                new ColumnSpec("id", ColumnType.STRING, ColumnRole.ID, null, null, null, false, null),
                bytes,
                new ColumnSpec("port", ColumnType.INTEGER, null, List.of("-1", "0", "1"), null, null, false, null),
                new ColumnSpec("proto", ColumnType.CATEGORICAL, null, List.of("tcp", "udp", "1.5", "true"), null, null,
                        false, null),
                new ColumnSpec("note", ColumnType.STRING, ColumnRole.IGNORE, null, null, null, false, null),
                new ColumnSpec("label", ColumnType.STRING, ColumnRole.LABEL, null, null, null, false, null)),
                label, drift);
    }

    private static final ColumnSpec BYTES = new ColumnSpec("bytes", ColumnType.NUMBER, ColumnRole.FEATURE, null, 0.0,
            1.5e9, true, List.of("octets", "n bytes"));
    private static final LabelSpec LABEL = new LabelSpec("label", List.of("attack", "1"), List.of("normal"), "attack",
            "normal");
    private static final DriftSettings DRIFT = new DriftSettings(0.01, 0.2, 0.15, 0.25, 500, 0.4);
    private static final List<String> MISSING = List.of("?", "-", "0");

    @Test
    void readsEveryKeyAndTheDefaultsOfTheKeysLeftOut() {
        DataSchema expected = full(BYTES, LABEL, DRIFT, "flow records", MISSING);
        assertEquals(expected, read(FULL));
        assertEquals(List.of("?", "-", "0", ""), read(FULL).missingValues(), "the empty cell is always missing");
        assertEquals(full(BYTES, LABEL, DriftSettings.DEFAULTS, "flow records", MISSING),
                read(FULL.substring(0, FULL.indexOf("drift:"))));
        assertEquals(full(BYTES, LABEL, DRIFT, "", List.of("?", "NA")),
                read(FULL.replace("description: \"flow records\"\n", "").replace("missing_values: [\"?\", \"-\", 0]\n", "")));
        assertEquals(full(BYTES, new LabelSpec("label", List.of("attack", "1"), List.of("normal"), "threat", "normal"),
                DRIFT, "flow records", MISSING), read(FULL.replace("  threat_name: attack\n  benign_name: normal\n", "")));
        assertEquals(full(BYTES, LABEL, new DriftSettings(0.05, 0.2, 0.15, 0.25, 1000, 0.4), "flow records", MISSING),
                read(FULL.replace("  p_value: 0.01\n", "").replace("  small_reference_rows: 500\n", "")));
    }

    @Test
    void readsScalarsFromTheirTextAndEmptyValuesAsDefaults() {
        ColumnSpec fromText = new ColumnSpec("bytes", ColumnType.NUMBER, null, null, 0.0, 2.5, true,
                List.of("octets", "n bytes"));
        assertEquals(full(fromText, LABEL, DRIFT, "flow records", MISSING),
                read(FULL.replace("min: 0, max: 1.5e9", "min: \"0\", max: '2.5'").replace("nullable: true", "nullable: \"TRUE\"")));
        ColumnSpec empty = new ColumnSpec("bytes", ColumnType.NUMBER, null, null, null, null, false,
                List.of("octets", "n bytes"));
        assertEquals(full(empty, LABEL, DRIFT, "flow records", MISSING),
                read(FULL.replace("min: 0, max: 1.5e9", "min: \"\", max: ''").replace("nullable: true", "nullable: \"\"")
                        .replace("small_reference_rows: 500", "small_reference_rows: 500.0")));
        DataSchema expected = full(BYTES, LABEL, DRIFT, "flow records", MISSING);
        DriftSettings thousand = new DriftSettings(0.01, 0.2, 0.15, 0.25, 1000, 0.4);
        assertEquals(full(BYTES, LABEL, thousand, "flow records", MISSING),
                read(FULL.replace("small_reference_rows: 500", "small_reference_rows: 1e3") + "---\n"));
        assertEquals(expected, read(FULL + "...\n---\n# nothing more\n"), "an empty second document is nothing");
        assertEquals(expected, read(FULL.replace("type: number", "type: NUMBER")), "types ignore case");
    }

    @Test
    void readsTheProjectsSchemas() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("..", "data_schema"))) {
            List<Path> schemas = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertTrue(schemas.size() >= 2, "the project's schemas are read too");
            for (Path file : schemas) {
                DataSchema schema = SchemaLoader.load(file).schema();
                assertEquals(1, schema.columns().stream().filter(c -> c.role() == ColumnRole.LABEL).count(), file.toString());
            }
        }
    }

    private static DataSchema read(String yaml) {
        return SchemaLoader.parse("s.yaml", yaml.getBytes(StandardCharsets.UTF_8)).schema();
    }

    @Test
    void namesTheLineOfWhatItRefuses() {
        assertFault(FULL.replace("    nullable: false", "    nulable: false"), 13,
                "unknown key 'nulable' (known here: [name, type, role, allowed, min, max, nullable, aliases])");
        assertFault(FULL.replace("drift:\n  p_value", "drift:\n  p_vale"), 30, "unknown key 'p_vale'");
        assertFault(FULL.replace("type: integer", "type: int"), 11, "unknown column type 'int', expected one of");
        assertFault(FULL.replace("role: ignore", "role: skip"), 19, "unknown column role 'skip'");
        assertFault(FULL.replace("allowed: [-1, 0, 1]", "allowed: -1"), 12, "'allowed' holds a single value where a list belongs");
        assertFault(FULL.replace("max: 1.5e9", "max: big"), 9, "'max' is 'big', not a number");
        assertFault(FULL.replace("nullable: false", "nullable: maybe"), 13, "'nullable' is 'maybe', not true or false");
        // stricter than the mapper, which cut 5.5 to 5 and ignored a second document
        assertFault(FULL.replace("small_reference_rows: 500", "small_reference_rows: 5.5"), 34,
                "'small_reference_rows' is '5.5', not a whole number");
        assertFault(FULL.replace("  - name: note\n", "  - nam: note\n"), 17, "unknown key 'nam'");
        assertFault(FULL.replace("  - name: note\n    type: string\n", "  - role: ignore\n"), 17, "columns[4] needs 'name'");
        assertFault(FULL.substring(0, FULL.indexOf("label:\n  column")), 2, "the schema needs 'label'");
        assertFault(FULL.replace("column: label", "column: kind"), 2, "the label section names column 'kind'");
        assertFault(FULL.replace("dataset_drift_share: 0.4", "dataset_drift_share: 4"), 30, "'dataset_drift_share' must be in (0, 1]");
        assertFault("- name: x\n", 1, "the schema must be a mapping of keys to values, not a list");
        assertFault(FULL + "---\nname: second\n", 37, "more than one document");
        assertFault("# only a comment\n", 0, "holds no document");
        assertFault("name: x\ncolumns: [\n  - a\n", 2, "not valid YAML");
    }

    private static void assertFault(String yaml, int line, String message) {
        SchemaException e = assertThrows(SchemaException.class,
                () -> SchemaLoader.parse("bad.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
    }
}
