package io.netsec.ingestion.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class DocumentValuesTest {

    private static final DataSchema SCHEMA = SchemaLoader.parse("s.yaml", """
            name: s
            columns:
              - {name: count, type: integer, nullable: true}
              - {name: score, type: number, nullable: true}
              - {name: kind, type: categorical, nullable: true}
              - {name: Result, type: integer, role: label}
            label: {column: Result, threat: [-1]}
            """.getBytes(StandardCharsets.UTF_8)).schema();

    private static Object value(String cell, String column) {
        return DocumentValues.toValue(cell, SCHEMA.column(column), SCHEMA);
    }

    @Test
    void cellsAreStoredTypedByTheirColumn() {
        assertEquals(-1, value("-1", "count"));
        assertEquals(Integer.class, value("7", "count").getClass());
        assertEquals(5_000_000_000L, value("5000000000", "count"));
        assertEquals(0.25, value("0.25", "score"));
        assertEquals("-1", value("-1", "kind"));
        assertNull(value("?", "count"), "a missing value is stored as null");
        assertNull(value("", "kind"));
        assertEquals("extra", DocumentValues.toValue("extra", null, SCHEMA), "a column outside the schema stays text");
    }

    @Test
    void storedValuesReadBackAsTheTextAFileHolds() {
        for (String cell : List.of("-1", "0", "1", "5000000000")) {
            assertEquals(cell, DocumentValues.toCell(value(cell, "count")));
        }
        for (String cell : List.of("0.25", "-3.5", "1.0E-5")) {
            assertEquals(Double.parseDouble(cell), Double.parseDouble(DocumentValues.toCell(value(cell, "score"))));
        }
        assertEquals("1", DocumentValues.toCell(1.0), "integral doubles read as integers");
        assertEquals("2.5", DocumentValues.toCell(new Decimal128(new java.math.BigDecimal("2.50"))));
        assertEquals("true", DocumentValues.toCell(true));
        assertNull(DocumentValues.toCell(null));
    }

    @Test
    void valuesThatCannotBeCellsSayWhy() {
        var nested = assertThrows(IllegalArgumentException.class, () -> DocumentValues.toCell(new Document("a", 1)));
        assertTrue(nested.getMessage().contains("a value of type document cannot be a cell"), nested.getMessage());
        var array = assertThrows(IllegalArgumentException.class, () -> DocumentValues.toCell(List.of(1, 2)));
        assertTrue(array.getMessage().contains("array"), array.getMessage());
    }

    @Test
    void idsAreQuotedForMessages() {
        assertEquals("'abc:3'", DocumentValues.describeId("abc:3"));
        assertEquals("7", DocumentValues.describeId(7));
    }
}
