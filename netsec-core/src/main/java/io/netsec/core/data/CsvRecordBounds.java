package io.netsec.core.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOWEST_ORDINARY = 0x2323232323232323L; // '#' in every byte
    private static final long HIGH_BITS = 0x8080808080808080L;

    private int[] starts = new int[1024];
    private int[] ends = new int[1024];
    private boolean[] plain = new boolean[1024];
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

    /** Whether record {@code i} is all ASCII without a quote: its cells are then exactly its text split at commas. */
    public boolean plain(int i) {
        return plain[i];
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
        int recordStart = from;
        int i = from;
        boolean recordPlain = true;
        int lastWord = to - Long.BYTES;
        while (i < to) {
            byte b = bytes[i];
            if (b > '"') {
                i++; // digits, letters, commas, signs: nothing that ends a record or opens a quote
                // and eight such bytes at a time: a byte-by-byte loop was 40-60 ms of a million rows
                while (i <= lastWord && !special((long) WORDS.get(bytes, i))) {
                    i += Long.BYTES;
                }
                continue;
            }
            if (b == '"' || b < 0) {
                recordPlain = false;
            }
            if (b == '"') {
                if (i == recordStart || bytes[i - 1] == ',') {
                    int after = afterQuotedValue(bytes, i + 1, to, endOfInput);
                    if (after < 0) {
                        break; // the value goes on past this block
                    }
                    i = after;
                } else {
                    i++; // a quote inside an unquoted value is a character
                }
                continue;
            }
            if (b == '\n' || b == '\r') {
                int next = i + 1;
                if (b == '\r') {
                    if (next == to && !endOfInput) {
                        break; // a \n may follow in the next block
                    }
                    if (next < to && bytes[next] == '\n') {
                        next++;
                    }
                }
                add(recordStart, i, recordPlain);
                recordPlain = true;
                recordStart = next;
                i = next;
                continue;
            }
            i++;
        }
        if (endOfInput && recordStart < to) {
            add(recordStart, to, recordPlain);
            recordStart = to;
        }
        return recordStart;
    }

    /**
     * Where the bytes after a quoted value's closing quote begin ({@code from} is just past its
     * opening quote; two quotes in a row are a quote), or -1 when the block ends first. At the
     * end of input an unclosed value runs to the end (Jackson then reports it).
     */
    private static int afterQuotedValue(byte[] bytes, int from, int to, boolean endOfInput) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '"') {
                if (i + 1 == to) {
                    return endOfInput ? to : -1; // else a second quote may follow in the next block
                }
                if (bytes[i + 1] != '"') {
                    return i + 1;
                }
                i++;
            }
        }
        return endOfInput ? to : -1;
    }

    /**
     * Whether one of the eight bytes of {@code word} is a byte the scan must look at: below
     * {@code '#'} (a quote, a line end) or outside ASCII. A byte from {@code '#'} to 0x7F minus
     * {@code '#'} borrows nothing and keeps its high bit clear; any other byte sets a high bit in
     * the difference or in the word (a borrow then may flag the bytes above it too, which only
     * sends this word to the byte-by-byte path).
     */
    private static boolean special(long word) {
        return (((word - LOWEST_ORDINARY) | word) & HIGH_BITS) != 0;
    }

    private void add(int start, int end, boolean isPlain) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, 2 * count);
            ends = Arrays.copyOf(ends, 2 * count);
            plain = Arrays.copyOf(plain, 2 * count);
        }
        starts[count] = start;
        ends[count] = end;
        plain[count] = isPlain;
        count++;
    }
}
