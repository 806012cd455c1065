package io.netsec.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The cells of one CSV record that is plain ASCII without a quote, found in its bytes. For such
 * a record Jackson's reading is exactly a split at every comma (no quoting, no escapes, no
 * trimming, no decoding beyond ASCII), so {@link CsvScoring} takes this path for it and Jackson
 * for every other record.
 *
 * <p>Written by hand because Jackson turns every cell into a {@code String} before a caller
 * sees it, which was a third of {@code netsec predict}'s time on numeric data (JFR: its cell
 * decoding, then parsing the strings back into numbers); here a feature's integer cell is read
 * straight from the bytes. The split itself is the whole CSV grammar of a quote-free record.
 */
final class PlainCells {

    /** What {@link #canonicalInteger} answers for a cell that is not an integer as {@link Long#toString} writes it. */
    static final long NOT_AN_INTEGER = Long.MIN_VALUE;

    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private long[] integers = new long[64];
    private int count;

    /**
     * Splits {@code bytes[from, to)} (one record, without its line end) at commas, reading each
     * cell's integer on the way (one pass over the bytes, not two).
     *
     * @return false, with nothing usable kept, when the record has a quote or a byte outside ASCII
     */
    boolean split(byte[] bytes, int from, int to) {
        count = 0;
        int cellStart = from;
        long value = 0;
        boolean digitsOnly = true;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            int digit = b - '0';
            if (digit >= 0 && digit <= 9) {
                value = value * 10 + digit;
            } else if (b == ',') {
                add(bytes, cellStart, i, digitsOnly ? value : NOT_AN_INTEGER);
                cellStart = i + 1;
                value = 0;
                digitsOnly = true;
            } else if (b == '"' || b < 0) {
                return false;
            } else if (b != '-' || i != cellStart) {
                digitsOnly = false;
            }
        }
        add(bytes, cellStart, to, digitsOnly ? value : NOT_AN_INTEGER);
        return true;
    }

    /**
     * Keeps a cell and its integer: {@code value} holds its digits' value when the cell is
     * digits after an optional minus, and is kept only when the text is exactly what
     * {@link Long#toString} writes for it (no leading zero, no "-0", at most 18 digits).
     */
    private void add(byte[] bytes, int start, int end, long value) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, 2 * count);
            ends = Arrays.copyOf(ends, 2 * count);
            integers = Arrays.copyOf(integers, 2 * count);
        }
        starts[count] = start;
        ends[count] = end;
        long integer = NOT_AN_INTEGER;
        if (value != NOT_AN_INTEGER) {
            boolean negative = start < end && bytes[start] == '-';
            int first = negative ? start + 1 : start;
            int digits = end - first;
            if (digits >= 1 && digits <= 18 && (bytes[first] != '0' || (digits == 1 && !negative))) {
                integer = negative ? -value : value;
            }
        }
        integers[count] = integer;
        count++;
    }

    int count() {
        return count;
    }

    /** Cell {@code i} as text. */
    String text(byte[] bytes, int i) {
        return new String(bytes, starts[i], ends[i] - starts[i], StandardCharsets.ISO_8859_1); // ASCII: the same
    }

    /** Every cell as text, for a rejected row. */
    String[] texts(byte[] bytes) {
        String[] cells = new String[count];
        for (int i = 0; i < count; i++) {
            cells[i] = text(bytes, i);
        }
        return cells;
    }

    /**
     * The integer cell {@code i} holds when its text is exactly {@link Long#toString}'s for it
     * (optional minus, no leading zero, no "-0", at most 18 digits), else {@link #NOT_AN_INTEGER}:
     * then {@link io.netsec.core.data.RowEncoder#encodeInteger} gives what the text would.
     */
    long canonicalInteger(int i) {
        return integers[i];
    }
}
