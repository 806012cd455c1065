package io.netsec.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which cell a value stands for: the one rule of every way in that gives values instead of text. */
class CellValueTest {

    @Test
    void aWholeNumberOfAnyTypeInLongsRangeIsThatInteger() {
        for (Object value : new Object[] {1, 1L, (short) 1, (byte) 1, 1.0, 1.0f, new BigDecimal("1.00"), BigInteger.ONE,
            new BigDecimal("0.1E1")}) {
            assertEquals(1, CellValue.integerOf(value), value.getClass().getSimpleName() + " " + value);
            assertEquals("1", CellValue.textOf(value), value.getClass().getSimpleName() + " " + value);
        }
        assertEquals("1000", CellValue.textOf(1e3));
        assertEquals("10000000000", CellValue.textOf(1e10f), "a whole float too");
        assertEquals("0", CellValue.textOf(-0.0), "-0.0 is the integer 0, as in a CSV file");
        assertEquals("0", CellValue.textOf(new BigDecimal("0E+5")));
        assertEquals("10000000000000000", CellValue.textOf(1e16), "past 1e15, still a whole double below 2^63");
        assertEquals("-9223372036854775808", CellValue.textOf(-0x1p63), "-2^63 is a long");
        assertEquals("-9223372036854775808", CellValue.textOf(Long.MIN_VALUE));
        assertEquals("9223372036854775807", CellValue.textOf(BigInteger.valueOf(Long.MAX_VALUE)));
    }

    @Test
    void anyOtherNumberIsItsShortestTextOfItsOwnType() {
        assertEquals("1.0E20", CellValue.textOf(1e20), "2^63 and up is no long: not 9223372036854775807");
        assertEquals("9.223372036854776E18", CellValue.textOf(0x1p63));
        assertEquals("0.1", CellValue.textOf(0.1f), "a float's own text, not the double nearest it");
        assertEquals("12.5", CellValue.textOf(12.5));
        assertEquals("NaN", CellValue.textOf(Double.NaN));
        assertEquals("Infinity", CellValue.textOf(Double.POSITIVE_INFINITY));
        assertEquals("1.5", CellValue.textOf(new BigDecimal("1.500")));
        assertEquals("18446744073709551616", CellValue.textOf(BigInteger.TWO.pow(64)));
        assertEquals("1E+20", CellValue.textOf(new BigDecimal("1E+20")));
        assertEquals("true", CellValue.textOf(true));
        assertEquals(" 7 ", CellValue.textOf(" 7 "), "text stays as it is: the encoder trims as it trims a CSV cell");
        assertNull(CellValue.textOf(null));
    }

    @Test
    void aHugeDecimalIsNeverExpandedDigitByDigit() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertEquals(CellValue.NOT_AN_INTEGER, CellValue.integerOf(new BigDecimal("1E+1000000000")));
            assertEquals("1E+1000000000", CellValue.textOf(new BigDecimal("1E+1000000000")));
            assertEquals("1E-1000000000", CellValue.textOf(new BigDecimal("1E-1000000000")));
        });
    }

    @Test
    void aCellIsReadAsAnIntegerOnlyAsLongToStringWritesIt() {
        for (String text : new String[] {"0", "7", "-7", "123456789012345678", "-123456789012345678"}) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            assertEquals(Long.parseLong(text), CellValue.canonicalInteger(bytes, 0, bytes.length), text);
        }
        for (String text : new String[] {"", "-", "-0", "01", "+1", " 1", "1 ", "1.0", "1e3", "1234567890123456789", "1-",
            "--1"}) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            assertEquals(CellValue.NOT_AN_INTEGER, CellValue.canonicalInteger(bytes, 0, bytes.length), "'" + text + "'");
        }
        byte[] row = "x,-12,y".getBytes(StandardCharsets.US_ASCII);
        assertEquals(-12, CellValue.canonicalInteger(row, 2, 5), "a cell inside a record");
    }
}
