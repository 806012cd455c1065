package io.netsec.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Header names lined up with a schema's columns and aliases. */
class TableHeaderTest {

    /** Spellings that equalsIgnoreCase and lower-casing treat differently: the Kelvin sign, the long s, the dotted I. */
    private static final String[] SPELLINGS = {"rate", "RATE", " Rate ", "rAtE", "\u212Aelvin", "kelvin", "KELVIN", "key", "KEY", "\u017Fize",
            "size", "SIZE", "\u0130d", "id", "ID", "Ä", "ä", "port", "Port", "port_no", "x", "X", "y"};

    /**
     * The matching as it was before it looked names up: each column, in schema order, takes the
     * first unclaimed header name equal to its name or an alias, ignoring case and the header's
     * surrounding spaces. The lookup must give the same answer on every header.
     */
    private static int[] columnByColumnSearch(List<String> names, DataSchema schema) {
        List<ColumnSpec> columns = schema.columns();
        int[] positions = new int[columns.size()];
        boolean[] claimed = new boolean[names.size()];
        for (int c = 0; c < columns.size(); c++) {
            positions[c] = -1;
            for (int i = 0; i < names.size(); i++) {
                if (!claimed[i] && columns.get(c).matchesHeader(names.get(i))) {
                    positions[c] = i;
                    claimed[i] = true;
                    break;
                }
            }
        }
        return positions;
    }

    @Test
    void matchesExactlyAsTheColumnByColumnSearchDid() {
        DataSchema schema = SchemaLoader.parse("h.yaml", """
                name: h
                columns:
                  - {name: rate, type: number, aliases: [speed, \u212Aelvin]}
                  - {name: key, type: categorical}
                  - {name: size, type: number, aliases: [\u017Fize2]}
                  - {name: id, type: string, role: id, aliases: [\u0130d]}
                  - {name: port_no, type: integer, aliases: [port]}
                  - {name: Ä, type: integer}
                  - {name: x, type: integer, aliases: [y]}
                  - {name: label, type: string, role: label}
                label: {column: label, benign: [normal]}
                """.getBytes(StandardCharsets.UTF_8)).schema();
        SplittableRandom random = new SplittableRandom(17);
        int compared = 0;
        for (int round = 0; round < 20_000; round++) {
            List<String> names = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            int size = 1 + random.nextInt(10);
            while (names.size() < size) {
                String name = SPELLINGS[random.nextInt(SPELLINGS.length)];
                if (seen.add(name.trim().toLowerCase(Locale.ROOT))) { // a header with a name twice is refused first
                    names.add(name);
                }
            }
            names.add("label");
            TableHeader header = TableHeader.match("h.csv", names, schema);
            assertArrayEquals(columnByColumnSearch(names, schema), header.schemaToSource(), names.toString());
            compared++;
        }
        assertEquals(20_000, compared);
    }

    @Test
    void aWideHeaderLinesUpWithAWideSchema() {
        StringBuilder yaml = new StringBuilder("name: wide\ncolumns:\n");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            yaml.append("  - {name: col_").append(i).append(", type: integer, aliases: [alias_").append(i).append("]}\n");
            names.add(i % 2 == 0 ? "COL_" + i : " alias_" + i);
        }
        yaml.append("  - {name: label, type: string, role: label}\nlabel: {column: label, benign: [normal]}\n");
        java.util.Collections.reverse(names);
        names.add("extra");
        DataSchema schema = SchemaLoader.parse("wide.yaml", yaml.toString().getBytes(StandardCharsets.UTF_8)).schema();
        TableHeader header = TableHeader.match("wide.csv", names, schema);
        for (int c = 0; c < 5_000; c++) {
            assertEquals(4_999 - c, header.sourceIndex(c));
        }
        assertEquals(List.of("label"), header.missingColumns());
        assertEquals(List.of("extra"), header.unexpectedColumns());
    }
}
