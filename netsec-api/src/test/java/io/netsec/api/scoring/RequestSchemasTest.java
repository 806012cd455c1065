package io.netsec.api.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The CSV cell patterns of numeric columns allow only values within the column's bounds. */
class RequestSchemasTest {

    private static boolean cell(boolean integer, Double min, Double max, String text) {
        return Pattern.compile(RequestSchemas.numberPattern(integer, min, max)).matcher(text).matches();
    }

    @Test
    void aBoundedNumberSpellsOnlyValuesInRange() {
        for (String inside : List.of("0", "3", "999", "999.999999", "12.5")) {
            assertTrue(cell(false, 0.0, 3600.0, inside), inside);
        }
        for (String outside : List.of("-1", "1000", "4000", "-0.5")) {
            assertFalse(cell(false, 0.0, 3600.0, outside), outside);
        }
        assertTrue(cell(false, 0.0, 1.0, "0.75"));
        assertFalse(cell(false, 0.0, 1.0, "1.5"));
        assertFalse(cell(false, 0.0, 0.5, "0.75"));
        assertTrue(cell(true, 0.0, 1_000_000.0, "999999"));
        assertFalse(cell(true, 0.0, 1_000_000.0, "1000001"));
        assertFalse(cell(true, 0.0, 5.0, "9"));
        assertTrue(cell(true, -50.0, 50.0, "-9"));
        assertFalse(cell(true, -50.0, 50.0, "-99"));
    }

    @Test
    void aRangeAwayFromZeroIsSpelledByItsNearestBound() {
        assertEquals("(5)", RequestSchemas.numberPattern(true, 5.0, 10.0));
        assertTrue(cell(false, -10.0, -2.5, "-2.5"));
        assertFalse(cell(false, -10.0, -2.5, "0"));
    }

    @Test
    void anUnboundedIntegerHasAtMostFifteenDigits() {
        assertTrue(cell(true, null, null, "-123456789012345"));
        assertFalse(cell(true, null, null, "1234567890123456"));
        assertFalse(cell(true, null, null, "1.5"));
    }

    @Test
    void textHasNoBlankAtEitherEnd() {
        Pattern text = Pattern.compile(RequestSchemas.TEXT);
        assertTrue(text.matcher("tcp").find());
        assertTrue(text.matcher("a b").find());
        for (String blank : List.of(" a", "a ", "\u001e", "a\u001f", "\t")) {
            assertFalse(text.matcher(blank).find(), blank);
        }
    }
}
