package io.netsec.api.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadsheetCsvTest {

    @Test
    void formulaLikeCellsGetAnApostropheAndNumbersDoNot() {
        List<String> cells = List.of("-1", "+12", "-0", "1", "-1.5", "+.5", "-1e3", "1E-5", "-", "+", "-1-", "-1 ", " -1",
                "-\u0661", "-1\u0661", "=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-e5", "--1", "", "x", "'=1");
        List<String> expected = List.of("-1", "+12", "-0", "1", "-1.5", "+.5", "-1e3", "1E-5", "'-", "'+", "'-1-", "'-1 ", " -1",
                "'-\u0661", "'-1\u0661", "'=1+1", "'+cmd", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1", "'-e5", "'--1", "", "x", "'=1");
        assertEquals(expected, List.of(SpreadsheetCsv.neutralised(cells.toArray(String[]::new))));
    }
}
