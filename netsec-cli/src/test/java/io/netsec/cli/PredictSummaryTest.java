package io.netsec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The numbers of predict's summary line, written without java.util.Formatter. */
class PredictSummaryTest {

    @Test
    void groupsThousandsAsPercentCommaDDoes() {
        for (long n : new long[] {0, 7, 999, 1000, 55_161, 999_999, 1_000_000, 12_345_678_901L, -1, -1234, -999_999,
                Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertEquals(String.format(java.util.Locale.ROOT, "%,d", n), PredictCommand.grouped(n));
        }
    }

    @Test
    void writesOneDecimal() {
        assertEquals("0.0", PredictCommand.oneDecimal(0));
        assertEquals("55.1", PredictCommand.oneDecimal(55.1161));
        assertEquals("100.0", PredictCommand.oneDecimal(100));
        assertEquals("1.0", PredictCommand.oneDecimal(0.96));
        assertEquals("12.3", PredictCommand.oneDecimal(12.34));
        assertEquals("-0.5", PredictCommand.oneDecimal(-0.49));
        assertEquals("0.0", PredictCommand.oneDecimal(-0.01));
    }
}
