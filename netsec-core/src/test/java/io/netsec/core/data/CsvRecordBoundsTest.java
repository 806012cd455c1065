package io.netsec.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scan skips the bytes that cannot end a record or open a quote and looks back one byte when
 * it meets a quote; it must find exactly what a byte-by-byte state machine of Jackson's quoting
 * rules finds, on every string of the bytes that matter, cut anywhere.
 */
class CsvRecordBoundsTest {

    private static final byte[] ALPHABET = {'a', '1', ',', '"', '\n', '\r', ' '};
    /**
     * For runs of ordinary bytes, which the scan skips eight at a time: the bytes on either side
     * of where that skip stops ('!' and '#' around the quote, DEL, bytes outside ASCII; 0x80 to
     * 0xA2 are outside ASCII yet below 0x80 once '#' is taken away).
     */
    private static final byte[] LONG_ALPHABET = {'a', '1', ',', '-', '#', '~', 0x7F, '!', '"', '\n', '\r', ' ', (byte) 0xC3, (byte) 0x80, (byte) 0xA2};

    @Test
    void aRecordIsPlainWhenItHasNeitherAQuoteNorAByteOutsideAscii() {
        String text = "1,-1,0\nid \"x\",2\n\"q\",1\r\nna\u00efve,3\rplain,4\n\n\"a\nb\",5\nlast,6";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        CsvRecordBounds bounds = new CsvRecordBounds();
        bounds.scan(bytes, 0, bytes.length, true);
        List<Boolean> plain = new ArrayList<>();
        for (int i = 0; i < bounds.count(); i++) {
            plain.add(bounds.plain(i));
        }
        assertEquals(List.of(true, false, false, false, true, true, false, true), plain);
    }

    @Test
    void findsWhatTheByteByByteStateMachineFinds() {
        SplittableRandom random = new SplittableRandom(5);
        CsvRecordBounds bounds = new CsvRecordBounds();
        for (int n = 0; n < 400_000; n++) {
            boolean longer = n % 2 == 1;
            byte[] bytes = new byte[random.nextInt(0, longer ? 80 : 24)];
            for (int i = 0; i < bytes.length; i++) {
                // longer strings: mostly the first four (ordinary) bytes, so that runs of eight and more occur
                bytes[i] = longer ? LONG_ALPHABET[random.nextInt(4) == 0 ? random.nextInt(LONG_ALPHABET.length) : random.nextInt(4)]
                        : ALPHABET[random.nextInt(ALPHABET.length)];
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(0, Math.min(3, bytes.length));
            boolean endOfInput = random.nextBoolean();
            // a block's buffer has bytes past its end (the next records, slack): never read into
            int to = bytes.length - (longer ? random.nextInt(0, Math.min(10, bytes.length - from) + 1) : 0);
            int cut = bounds.scan(bytes, from, to, endOfInput);
            List<String> found = new ArrayList<>();
            for (int r = 0; r < bounds.count(); r++) {
                found.add(bounds.start(r) + "-" + bounds.end(r) + (bounds.plain(r) ? "" : " not plain"));
            }
            found.add("cut " + cut);
            String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\r", "CR").replace("\n", "LF");
            assertEquals(reference(bytes, from, to, endOfInput), found, text + " from " + from + " to " + to + ", end " + endOfInput);
        }
    }

    /** The rules one byte at a time: a quote opens a value only at its start; two quotes inside one are a quote. */
    private static List<String> reference(byte[] bytes, int from, int to, boolean endOfInput) {
        final int valueStart = 0;
        final int unquoted = 1;
        final int quoted = 2;
        final int afterQuote = 3;
        List<String> found = new ArrayList<>();
        int state = valueStart;
        int recordStart = from;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (state == quoted) {
                if (b == '"') {
                    state = afterQuote;
                }
                continue;
            }
            if (b == '"' && state != unquoted) {
                state = quoted;
            } else if (b == ',') {
                state = valueStart;
            } else if (b == '\n' || b == '\r') {
                int next = i + 1;
                if (b == '\r') {
                    if (next == to && !endOfInput) {
                        break;
                    }
                    if (next < to && bytes[next] == '\n') {
                        next++;
                    }
                }
                found.add(recordStart + "-" + i + notPlain(bytes, recordStart, i));
                recordStart = next;
                i = next - 1;
                state = valueStart;
            } else {
                state = unquoted;
            }
        }
        if (endOfInput && recordStart < to) {
            found.add(recordStart + "-" + to + notPlain(bytes, recordStart, to));
            recordStart = to;
        }
        found.add("cut " + recordStart);
        return found;
    }

    /** A record is plain when it has no quote and no byte outside ASCII. */
    private static String notPlain(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '"' || bytes[i] < 0) {
                return " not plain";
            }
        }
        return "";
    }
}
