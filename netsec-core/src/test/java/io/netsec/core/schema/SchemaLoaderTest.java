package io.netsec.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.testing.TestData;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SchemaLoaderTest {

    private static SchemaException failure(String yaml) {
        return assertThrows(SchemaException.class,
                () -> SchemaLoader.parse("bad.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String MINIMAL = """
            name: tiny
            columns:
              - name: size
                type: number
              - name: kind
                type: categorical
                allowed: [a, b]
              - name: label
                type: string
                role: label
            label:
              column: label
              benign: [normal]
            """;

    @Test
    void loadsThePhishingSchema() {
        LoadedSchema loaded = SchemaLoader.load(TestData.phishingSchema());
        DataSchema schema = loaded.schema();
        assertEquals("phishing", schema.name());
        assertEquals(31, schema.columns().size());
        assertEquals(30, schema.features().size());
        assertEquals("Result", schema.label().column());
        assertEquals(64, loaded.sha256().length());
        assertTrue(schema.column("port_no").matchesHeader("port"), "the UCI name 'port' is an alias");
        assertEquals(java.util.List.of("-1", "1"), schema.column("having_IP_Address").allowed());
    }

    @Test
    void labelWithOnlyBenignValuesMapsEveryOtherValueToThreat() {
        DataSchema schema = SchemaLoader.parse("tiny.yaml", MINIMAL.getBytes(StandardCharsets.UTF_8)).schema();
        assertEquals(LabelSpec.LabelClass.BENIGN, schema.label().classify("normal"));
        assertEquals(LabelSpec.LabelClass.THREAT, schema.label().classify("neptune"));
        assertEquals(LabelSpec.LabelClass.THREAT, schema.label().classify("smurf"));
        assertEquals("threat", schema.label().threatName());
        assertEquals("normal", schema.label().benignName());
    }

    @Test
    void rejectsUnknownTypeWithItsLine() {
        SchemaException e = failure(MINIMAL.replace("type: number", "type: float"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("unknown column type 'float'"), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.yaml:4: "), e.getMessage());
    }

    @Test
    void rejectsUnknownKeyWithItsLine() {
        SchemaException e = failure(MINIMAL.replace("    allowed: [a, b]", "    allowd: [a, b]"));
        assertEquals(7, e.line());
        assertTrue(e.getMessage().contains("unknown key 'allowd'"), e.getMessage());
    }

    @Test
    void rejectsLabelSectionNamingAnotherColumn() {
        SchemaException e = failure(MINIMAL.replace("  column: label", "  column: kind"));
        assertTrue(e.getMessage().contains("the label section names column 'kind'"), e.getMessage());
        assertTrue(e.line() > 0, "names a line");
    }

    @Test
    void rejectsDuplicateColumnNames() {
        SchemaException e = failure(MINIMAL.replace("name: kind", "name: size"));
        assertTrue(e.getMessage().contains("'size' is declared twice"), e.getMessage());
    }

    @Test
    void rejectsInvalidYamlWithItsLine() {
        SchemaException e = failure("name: x\ncolumns: [\n  - a\n");
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        assertTrue(e.line() >= 2, "line " + e.line());
    }

    @Test
    void rejectsMissingLabelSection() {
        SchemaException e = failure(MINIMAL.substring(0, MINIMAL.indexOf("label:\n  column")));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
    }

    @Test
    void rejectsNonIntegerAllowedValueOfIntegerColumn() {
        SchemaException e = failure(MINIMAL.replace("type: number", "type: integer\n    allowed: [1, two]"));
        assertTrue(e.getMessage().contains("allowed value 'two' is not an integer"), e.getMessage());
    }

    @Test
    void rejectsEmptyAndMissingFiles() {
        assertTrue(failure("").getMessage().contains("empty"));
        SchemaException missing = assertThrows(SchemaException.class,
                () -> SchemaLoader.load(java.nio.file.Path.of("no/such/schema.yaml")));
        assertTrue(missing.getMessage().contains("no such schema file"), missing.getMessage());
    }
}
