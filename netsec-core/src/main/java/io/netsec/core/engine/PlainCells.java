package io.netsec.core.engine;

import io.netsec.core.data.RowEncoder;
import java.util.Arrays;

/**
 * The cells of one CSV record that is plain ASCII without a quote, found in its bytes. For such
 * a record Jackson's reading is exactly a split at every comma (no quoting, no escapes, no
 * trimming, no decoding beyond ASCII), so the engine reads it here and Jackson reads every
 * other record.
 *
 * <p>Written by hand because Jackson turns every cell into a {@code String} before a caller
 * sees it, which was a third of {@code netsec predict}'s time on numeric data (JFR: its cell
 * decoding, then parsing the strings back into numbers); here a feature's cell goes to the
 * encoder as bytes ({@link RowEncoder#encodeAscii}), an integer read without a {@code String}.
 * The split itself is the whole CSV grammar of a quote-free record.
 */
final class PlainCells {

    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int count;

    /**
     * Splits {@code bytes[from, to)}, one plain record without its line end
     * ({@link io.netsec.core.data.CsvRecordBounds#plain}: all ASCII, no quote), at its commas.
     */
    void split(byte[] bytes, int from, int to) {
        count = 0;
        int cellStart = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] == ',') {
                add(cellStart, i);
                cellStart = i + 1;
            }
        }
        add(cellStart, to);
    }

    private void add(int start, int end) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, 2 * count);
            ends = Arrays.copyOf(ends, 2 * count);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    int count() {
        return count;
    }

    /** Where cell {@code i} starts. */
    int start(int i) {
        return starts[i];
    }

    /** Where cell {@code i} ends. */
    int end(int i) {
        return ends[i];
    }

    /** Cell {@code i} as text. */
    String text(byte[] bytes, int i) {
        return RowEncoder.asciiText(bytes, starts[i], ends[i]);
    }

    /** Every cell as text, for a rejected row. */
    String[] texts(byte[] bytes) {
        String[] cells = new String[count];
        for (int i = 0; i < count; i++) {
            cells[i] = text(bytes, i);
        }
        return cells;
    }
}
