package io.netsec.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.netsec.core.testing.TinyModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The schema reader against a YAML mapper over the records' annotated factories: the same schemas. */
class SchemaYamlTest {

    /** How schemas were read before {@link SchemaYaml}: the reference for what each key means. */
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();

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

    @Test
    void readsEverySchemaAsTheMapperDoes() throws Exception {
        List<String> documents = new ArrayList<>(List.of(FULL, TinyModels.SCHEMA_YAML,
                FULL.substring(0, FULL.indexOf("drift:")), // defaults for drift
                FULL.replace("description: \"flow records\"\n", "").replace("missing_values: [\"?\", \"-\", 0]\n", ""),
                FULL.replace("  threat_name: attack\n  benign_name: normal\n", ""),
                FULL.replace("  p_value: 0.01\n", "").replace("  small_reference_rows: 500\n", ""),
                FULL.replace("min: 0, max: 1.5e9", "min: \"0\", max: '2.5'").replace("nullable: true", "nullable: \"TRUE\""),
                FULL.replace("min: 0, max: 1.5e9", "min: \"\", max: ''").replace("nullable: true", "nullable: \"\"")
                        .replace("small_reference_rows: 500", "small_reference_rows: 500.0"),
                FULL.replace("small_reference_rows: 500", "small_reference_rows: 1e3") + "---\n",
                FULL + "...\n---\n# nothing more\n"));
        try (Stream<Path> files = Files.list(Path.of("..", "data_schema"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                documents.add(Files.readString(file));
            }
        }
        assertTrue(documents.size() >= 9, "the project's schemas are read too");
        for (String yaml : documents) {
            DataSchema byMapper = MAPPER.readValue(yaml, DataSchema.class);
            DataSchema read = SchemaLoader.parse("s.yaml", yaml.getBytes(StandardCharsets.UTF_8)).schema();
            assertEquals(byMapper, read, yaml);
        }
        DataSchema full = SchemaLoader.parse("s.yaml", FULL.getBytes(StandardCharsets.UTF_8)).schema();
        assertEquals(List.of("-1", "0", "1"), full.column("port").allowed());
        assertEquals(List.of("tcp", "udp", "1.5", "true"), full.column("proto").allowed());
        assertEquals(1.5e9, full.column("bytes").max());
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
