package io.netsec.core;

import io.netsec.core.data.CellProblem;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RowEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a block of plain CSV lines straight from their bytes, for {@link CsvFileScoring}: one
 * per worker thread, not thread-safe.
 *
 * <p>"Plain" means printable ASCII without quotes or {@code #}: such a line splits on commas
 * exactly as Jackson's parser splits it, and Jackson's writer writes it back byte for byte, so
 * the scored line is the input line plus the two score cells. The first line that is not plain
 * stops the block; the caller hands it and the rest of the file to the general reader.
 *
 * <p>A cell that is a small integer in canonical form ({@code -99} to {@code 999}, no sign on
 * positive numbers, no leading zeros) is looked up in a table that {@link RowEncoder#encodeCell}
 * itself filled, so the result is the same by construction, missing-value tokens, allowed
 * values and categories included. Any other cell sends its line through
 * {@link RecordScorer#probability(RawRecord)}, the general path.
 */
final class CsvBlockScorer {

    /** The smallest and largest integer the cell table holds. */
    static final int MIN_FAST = -99;
    static final int MAX_FAST = 999;

    // Byte classes: what the line scanner does with each byte.
    private static final byte PLAIN = 0;
    private static final byte COMMA = 1;
    private static final byte NEWLINE = 2;
    private static final byte RETURN = 3;
    private static final byte OTHER = 4;
    private static final byte[] CLASS = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            CLASS[b] = b >= 0x20 && b < 0x7F && b != '"' && b != '#' ? PLAIN : OTHER;
        }
        CLASS[','] = COMMA;
        CLASS['\n'] = NEWLINE;
        CLASS['\r'] = RETURN;
    }

    private final RecordScorer scorer;
    private final int width;
    private final int features;
    private final int[] featureSource;
    private final double[] raw;
    /** Per feature, the encoded value of each canonical integer cell; {@code fastOk} says which are valid. */
    private final double[][] fastValue;
    private final boolean[][] fastOk;
    private final double threshold;
    private final byte[] threatLabel;
    private final byte[] benignLabel;
    private final int[] cellStart;
    private final int[] cellEnd;

    CsvBlockScorer(RecordScorer scorer, double threshold, String threatCell, String benignCell) {
        this.scorer = scorer;
        this.width = scorer.header().sourceColumns().size();
        RowEncoder encoder = scorer.encoder();
        this.features = encoder.features().size();
        this.featureSource = new int[features];
        this.raw = scorer.rawBuffer();
        this.fastValue = new double[features][MAX_FAST - MIN_FAST + 1];
        this.fastOk = new boolean[features][MAX_FAST - MIN_FAST + 1];
        double[] cell = new double[features];
        for (int f = 0; f < features; f++) {
            featureSource[f] = scorer.featureSource(f);
            for (int v = MIN_FAST; v <= MAX_FAST; v++) {
                if (encoder.encodeCell(f, Integer.toString(v), cell) == CellProblem.NONE) {
                    fastValue[f][v - MIN_FAST] = cell[f];
                    fastOk[f][v - MIN_FAST] = true;
                }
            }
        }
        this.threshold = threshold;
        this.threatLabel = threatCell.getBytes(StandardCharsets.UTF_8);
        this.benignLabel = benignCell.getBytes(StandardCharsets.UTF_8);
        this.cellStart = new int[width];
        this.cellEnd = new int[width];
    }

    /**
     * A rejected line: its position in the block, so that the caller, who knows the row number,
     * can build the record and the error again.
     */
    record Rejected(int lineIndex, int start, int end) {
    }

    /**
     * What a block gave.
     *
     * @param out            the scored lines
     * @param outLength      bytes used in {@code out}
     * @param lines          lines consumed (blank and rejected ones included)
     * @param scored         lines scored
     * @param threats        of those, at or above the threshold
     * @param rejected       lines that break the schema, in order
     * @param stoppedAt      offset of the first line that is not plain, or -1 when the block was consumed
     */
    record Result(byte[] out, int outLength, long lines, long scored, long threats, List<Rejected> rejected, int stoppedAt) {
    }

    /** Scores the lines of {@code block[0, length)}; the last may lack its line end only at the end of the file. */
    Result score(byte[] block, int length) {
        byte[] out = new byte[length + length / 4 + 64];
        int o = 0;
        long lines = 0;
        long scored = 0;
        long threats = 0;
        List<Rejected> rejected = null;
        int p = 0;
        while (p < length) {
            int lineStart = p;
            int cells = 0;
            cellStart[0] = p;
            int lineEnd = -1;
            boolean plain = true;
            while (p < length) {
                byte cls = CLASS[block[p] & 0xFF];
                if (cls == PLAIN) {
                    p++;
                } else if (cls == COMMA) {
                    if (cells < width) {
                        cellEnd[cells] = p;
                    }
                    cells++;
                    if (cells < width) {
                        cellStart[cells] = p + 1;
                    }
                    p++;
                } else if (cls == NEWLINE) {
                    lineEnd = p;
                    p++;
                    break;
                } else if (cls == RETURN && p + 1 < length && block[p + 1] == '\n') {
                    lineEnd = p; // Jackson reads \r\n as one line end and writes \n
                    p += 2;
                    break;
                } else {
                    plain = false;
                    break;
                }
            }
            if (!plain) {
                return new Result(out, o, lines, scored, threats, rejected == null ? List.of() : rejected, lineStart);
            }
            if (lineEnd < 0) {
                lineEnd = p; // the file's last line, without a line end
            }
            if (cells < width) {
                cellEnd[cells] = lineEnd;
            }
            cells++;
            long lineIndex = lines++;
            if (lineEnd == lineStart) {
                continue; // a blank line is no record (it still counts as a row)
            }
            double probability;
            if (cells == width && encodeFast(block)) {
                probability = scorer.probabilityOfEncoded();
            } else {
                try {
                    probability = scorer.probability(new RawRecord(lineIndex + 1, split(block, lineStart, lineEnd)));
                } catch (DataException problem) {
                    if (rejected == null) {
                        rejected = new ArrayList<>();
                    }
                    rejected.add(new Rejected((int) lineIndex, lineStart, lineEnd));
                    continue;
                }
            }
            int needed = (lineEnd - lineStart) + Math.max(threatLabel.length, benignLabel.length) + 40;
            if (o + needed > out.length) {
                out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, o + needed));
            }
            System.arraycopy(block, lineStart, out, o, lineEnd - lineStart);
            o += lineEnd - lineStart;
            out[o++] = ',';
            boolean threat = probability >= threshold;
            byte[] label = threat ? threatLabel : benignLabel;
            System.arraycopy(label, 0, out, o, label.length);
            o += label.length;
            out[o++] = ',';
            // Double.toString is the text the general path writes; ASCII, so one byte per char.
            String text = Double.toString(probability);
            for (int i = 0; i < text.length(); i++) {
                out[o++] = (byte) text.charAt(i);
            }
            out[o++] = '\n';
            scored++;
            if (threat) {
                threats++;
            }
        }
        return new Result(out, o, lines, scored, threats, rejected == null ? List.of() : rejected, -1);
    }

    /** Encodes the feature cells from the table; false when one is not a canonical small integer the table accepts. */
    private boolean encodeFast(byte[] block) {
        for (int f = 0; f < features; f++) {
            int source = featureSource[f];
            int index = canonicalIndex(block, cellStart[source], cellEnd[source]);
            if (index < 0 || !fastOk[f][index]) {
                return false;
            }
            raw[f] = fastValue[f][index];
        }
        return true;
    }

    /** The table index of a canonical small integer cell, or -1. */
    private static int canonicalIndex(byte[] bytes, int start, int end) {
        int length = end - start;
        if (length <= 0 || length > 3) {
            return -1;
        }
        boolean negative = bytes[start] == '-';
        int i = negative ? start + 1 : start;
        if (i == end) {
            return -1;
        }
        if (bytes[i] == '0' && end - i > 1) {
            return -1; // leading zero: not the text Integer.toString gives
        }
        int value = 0;
        for (; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        if (negative) {
            if (value == 0) {
                return -1; // "-0"
            }
            value = -value;
        }
        return value - MIN_FAST;
    }

    /** The cells of a plain line, as Jackson's parser gives them. */
    static String[] split(byte[] bytes, int start, int end) {
        List<String> cells = new ArrayList<>();
        int cell = start;
        for (int p = start; p < end; p++) {
            if (bytes[p] == ',') {
                cells.add(new String(bytes, cell, p - cell, StandardCharsets.ISO_8859_1));
                cell = p + 1;
            }
        }
        cells.add(new String(bytes, cell, end - cell, StandardCharsets.ISO_8859_1));
        return cells.toArray(String[]::new);
    }
}
