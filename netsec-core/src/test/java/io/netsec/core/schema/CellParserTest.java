package io.netsec.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CellParserTest {

    @Test
    void surroundingWhiteSpaceIsIgnored() {
        assertEquals(1L, CellParser.parseInteger(" 1 "));
        assertEquals(-2.5, CellParser.parseNumber("\t-2.5 "));
    }

    /** Found by the hostile-input test: String.trim() dropped a NUL byte, so "1\0" was read as 1. */
    @Test
    void controlCharactersAreNotWhiteSpace() {
        assertNull(CellParser.parseInteger("1\u0000"));
        assertNull(CellParser.parseInteger("\u00001"));
        assertNull(CellParser.parseNumber("1.5\u0000"));
        assertNull(CellParser.parseNumber("\u00071.5"));
        assertTrue(Double.isNaN(CellParser.toDouble(ColumnType.INTEGER, "1\u0000")));
        assertTrue(Double.isNaN(CellParser.toDouble(ColumnType.NUMBER, "1\u0000")));
    }

    /** Found by RowEncoderTest: a 19-digit negative integer was refused as text, read as a JSON number. */
    @Test
    void nineteenDigitsReadWithASignAndWithout() {
        assertEquals(-9223372036854775807L, CellParser.parseInteger("-9223372036854775807"));
        assertEquals(Long.MIN_VALUE, CellParser.parseInteger("-9223372036854775808"));
        assertEquals(1234567890123456789L, CellParser.parseInteger("+1234567890123456789"));
        assertNull(CellParser.parseInteger("01234567890123456789"), "twenty digits, even with a leading zero");
        assertNull(CellParser.parseInteger("-01234567890123456789"));
    }

    @Test
    void nanAndInfinityAreNotNumbers() {
        assertNull(CellParser.parseNumber("NaN"));
        assertNull(CellParser.parseNumber("Infinity"));
        assertNull(CellParser.parseNumber("1e400"));
        assertNull(CellParser.parseInteger("99999999999999999999"));
    }
}
