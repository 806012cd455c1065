package io.netsec.api.scoring;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.netsec.core.data.CsvOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An upload's download, for people who open it in a spreadsheet: every uploaded column plus
 * {@code prediction} and {@code probability} (and {@code family}, for a model of attack families), written by {@link CsvOutput}, with every cell a
 * spreadsheet would run as a formula neutralised.
 */
final class SpreadsheetCsv {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private SpreadsheetCsv() {
    }

    /** Writes every kept row of {@code kept} to {@code out} (not closed). */
    static void write(KeptPredictions kept, OutputStream out) throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        List<String> header = new ArrayList<>(kept.columns());
        header.add("prediction");
        header.add("probability");
        boolean families = kept.hasFamilies();
        if (families) {
            header.add("family");
        }
        try (SequenceWriter rows = CsvOutput.rows(text, Arrays.asList(neutralised(header.toArray(String[]::new))));
             KeptPredictions.Reader reader = kept.read(0)) {
            for (ScoredRow row; (row = reader.next()) != null; ) {
                List<String> uploaded = row.cells();
                String[] cells = uploaded.toArray(new String[uploaded.size() + (families ? 3 : 2)]);
                cells[uploaded.size()] = row.prediction().label();
                cells[uploaded.size() + 1] = Double.toString(row.prediction().probability());
                if (families) {
                    cells[uploaded.size() + 2] = row.family();
                }
                rows.write(neutralised(cells));
            }
        }
        text.flush();
    }

    /**
     * Prefixes with an apostrophe every cell that a spreadsheet would evaluate (=, +, -, @, tab, CR
     * first) unless it is a number: "-1" is an ordinary value in this data and must stay one.
     */
    static String[] neutralised(String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            if (cell != null && !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 && !signedInteger(cell)
                    && !NUMBER.matcher(cell).matches()) {
                cells[i] = "'" + cell;
            }
        }
        return cells;
    }

    /**
     * Whether {@code cell} is a sign and ASCII digits, as {@code -1}: the cell that most often
     * starts with a sign here, checked without the pattern, which took most of a large
     * download's time.
     */
    private static boolean signedInteger(String cell) {
        if (cell.length() < 2 || (cell.charAt(0) != '-' && cell.charAt(0) != '+')) {
            return false;
        }
        for (int i = 1; i < cell.length(); i++) {
            if (cell.charAt(i) < '0' || cell.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
