package io.netsec.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvOutputTest {

    /** Cells that need quoting, and one that does not though it is long (strict checking). */
    private static final List<String> CELLS = List.of("plain", "a, b", "say \"hi\"", "two\nlines", "",
            "a cell longer than twenty-four characters", " padded ", "é");

    @Test
    void aLineIsQuotedAsRowsAre() throws Exception {
        StringWriter rows = new StringWriter();
        try (SequenceWriter writer = CsvOutput.rows(rows, CELLS)) {
            writer.write(CELLS.toArray(String[]::new));
        }
        String line = CsvOutput.line(CELLS);
        assertEquals(rows.toString(), line + line, "the header line, then the same cells as a row");
        assertEquals("plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",,a cell longer than twenty-four characters, padded ,é\n",
                line);
    }
}
