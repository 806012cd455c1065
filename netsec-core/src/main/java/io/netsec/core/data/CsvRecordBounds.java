package io.netsec.core.data;

import java.util.Arrays;

/**
 * Where the CSV records of a block of bytes begin and end, so that a file can be cut into
 * blocks that parse alone, one per core. Follows the rules of Jackson's CSV parser, which reads
 * the cells of every block: a quote opens a quoted value only at the start of a value, two
 * quotes inside one are a quote, and {@code \n}, {@code \r\n} or a lone {@code \r} end a record
 * outside quotes.
 *
 * <p>Written by hand because Jackson parses records but cannot say where a record ends in the
 * bytes (its locations count characters, after decoding), and cutting a file across threads
 * needs exactly that; no cell is read here.
 */
public final class CsvRecordBounds {

    private static final int VALUE_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;

    private int[] starts = new int[1024];
    private int[] ends = new int[1024];
    private int count;

    /** Records found by the last {@link #scan}. */
    public int count() {
        return count;
    }

    /** Where record {@code i} begins. */
    public int start(int i) {
        return starts[i];
    }

    /** Where record {@code i}'s content ends: before its line end. */
    public int end(int i) {
        return ends[i];
    }

    /**
     * Finds the complete records of {@code bytes[from, to)}, which must begin at a record's
     * start. A record is complete when its line end is seen, or at {@code endOfInput} (the last
     * line of a file needs no line end).
     *
     * @return where the first incomplete record begins: the block cut there parses alone
     */
    public int scan(byte[] bytes, int from, int to, boolean endOfInput) {
        count = 0;
        int state = VALUE_START;
        int recordStart = from;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (state == QUOTED) {
                if (b == '"') {
                    state = AFTER_QUOTE;
                }
                continue;
            }
            if (b == '"' && state != UNQUOTED) {
                state = QUOTED; // opens a value, or is the second of two quotes inside one
            } else if (b == ',') {
                state = VALUE_START;
            } else if (b == '\n' || b == '\r') {
                int next = i + 1;
                if (b == '\r') {
                    if (next == to && !endOfInput) {
                        break; // a \n may follow in the next block
                    }
                    if (next < to && bytes[next] == '\n') {
                        next++;
                    }
                }
                add(recordStart, i);
                recordStart = next;
                i = next - 1;
                state = VALUE_START;
            } else {
                state = UNQUOTED; // text after a closing quote too: Jackson reports it, the bounds stay
            }
        }
        if (endOfInput && recordStart < to) {
            add(recordStart, to);
            recordStart = to;
        }
        return recordStart;
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
}
