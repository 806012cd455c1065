package io.netsec.core;

import io.netsec.core.data.CellProblem;
import io.netsec.core.data.RowEncoder;
import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import io.netsec.core.transform.FittedTransform;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Rows of small integers scored without building their vectors: for a tree ensemble that walks
 * by condition bits ({@link TreeEnsemble#walksByConditions()}), over features whose allowed
 * values are all integers from -32 to 31 (the phishing data's -1, 0 and 1; flags; ratings),
 * the bits each feature's value sets are worked out once, through the encoder, the transform
 * and the ensemble themselves, so a row costs one lookup and one OR per feature instead of
 * encoding, transforming and comparing. The answer is the same bit for bit: the transform
 * writes each feature's inputs from that feature's value alone, and the ensemble's bits of a
 * vector are the union of its inputs' bits.
 *
 * <p>Immutable and thread-safe.
 */
final class ConditionCodes {

    /** Eight bytes of a record at once, in file order from the lowest byte. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long COMMAS = ',' * ONES;

    /** What {@link #met} answers for a row this path does not take (no vector's bits are all ones). */
    static final long NOT_COVERED = -1L;

    /** Per feature: bit {@code v + 32} when value {@code v} takes this path (allowed, not a missing marker, no NaN input). */
    private final long[] covered;
    /** The condition bits of feature {@code f}'s value {@code v} at {@code f * 64 + v + 32}. */
    private final long[] bits;

    private ConditionCodes(long[] covered, long[] bits) {
        this.covered = covered;
        this.bits = bits;
    }

    /**
     * The codes for this model, or null when it does not walk by condition bits or some
     * feature's allowed values are not all small integers (every feature must be covered: a
     * row's bits need every input).
     */
    static ConditionCodes of(RowEncoder encoder, FittedTransform transform, PortableModel model) {
        if (!(model instanceof TreeEnsemble trees) || !trees.walksByConditions()) {
            return null;
        }
        int features = encoder.features().size();
        if (transform.columns().size() != features || transform.outputWidth() != trees.featureCount()) {
            return null;
        }
        long[] covered = new long[features];
        double[] raw = new double[features];
        double[] probe = new double[features];
        for (int f = 0; f < features; f++) {
            long allowed = encoder.smallAllowedIntegers(f);
            for (int k = 0; k < Long.SIZE; k++) {
                long value = k - 32;
                // the encoder itself says which values pass unchanged (a missing marker becomes NaN)
                if ((allowed >>> k & 1) != 0 && encoder.encodeInteger(f, value, probe) == CellProblem.NONE
                        && probe[f] == value) {
                    covered[f] |= 1L << k;
                }
            }
            if (covered[f] == 0) {
                return null;
            }
            raw[f] = Long.numberOfTrailingZeros(covered[f]) - 32; // any covered value: the others' inputs are masked out
        }
        long[] bits = new long[features * Long.SIZE];
        double[] input = new double[transform.outputWidth()];
        for (int f = 0, from = 0; f < features; f++) {
            int to = from + transform.columns().get(f).width();
            double base = raw[f];
            for (int k = 0; k < Long.SIZE; k++) {
                if ((covered[f] >>> k & 1) == 0) {
                    continue;
                }
                raw[f] = k - 32;
                transform.apply(raw, input);
                if (hasNaN(input, from, to)) {
                    covered[f] &= ~(1L << k); // NaN inputs take the missing-value side: the vector's walk
                    continue;
                }
                bits[f * Long.SIZE + k] = trees.conditionsMet(input, from, to);
            }
            raw[f] = base;
            from = to;
        }
        return new ConditionCodes(covered, bits);
    }

    private static boolean hasNaN(double[] input, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Double.isNaN(input[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * The condition bits of the plain record {@code bytes[from, to)} (all ASCII, no quote: see
     * {@link io.netsec.core.data.CsvRecordBounds#plain}) of exactly {@code width} cells, feature
     * {@code cellFeature[c]} in cell {@code c} (-1: no feature), read straight from the bytes;
     * {@link #NOT_COVERED} when a cell count differs or a feature's cell is not a covered integer
     * as {@link Long#toString} writes it, and the caller takes {@link PlainCells}.
     *
     * <p>Written by hand, as {@link PlainCells}, and faster again for these cells: a cell's
     * comma is found among eight bytes at once (the bytes equal to ',' become zero bytes, and
     * the lowest zero byte is found by a subtraction's borrow), and its one or two digits and
     * sign are read from the same word without a branch. A byte-by-byte split branches on every
     * byte's kind, and random data makes those branches mispredict (0.38 of 1.1 us a row).
     */
    long met(byte[] bytes, int from, int to, int[] cellFeature, int width) {
        if (to + Long.BYTES > bytes.length) {
            return NOT_COVERED; // a word read past the buffer: the end of a block's last record
        }
        long met = 0;
        int p = from;
        for (int c = 0; c < width; c++) {
            long word = (long) WORDS.get(bytes, p);
            long x = word ^ COMMAS;
            int left = to - p;
            // the record's end counts as a comma (a flag at byte 'left' when it is in this word)
            long zeros = (x - ONES) & ~x & HIGHS | (0x80L << (left << 3)) & -(long) ((left - Long.BYTES) >>> 31);
            int end;
            if (zeros != 0) {
                end = p + (Long.numberOfTrailingZeros(zeros) >>> 3);
            } else {
                end = p + Long.BYTES; // a cell of eight bytes or more
                while (end < to && bytes[end] != ',') {
                    end++;
                }
            }
            if ((end == to) != (c == width - 1)) {
                return NOT_COVERED; // fewer or more cells than the header
            }
            int f = cellFeature[c];
            if (f >= 0) {
                int length = end - p;
                if (length < 1 || length > 3) {
                    return NOT_COVERED; // covered values are -32 to 31: at most three characters
                }
                // arithmetic, not branches: the sign and the digit count are random from row to row
                int negative = (((int) word & 0xFF ^ '-') - 1) >>> 31;
                int digits = length - negative;
                int two = ((digits ^ 2) - 1) >>> 31;
                int lastDigit = (int) (word >>> ((length - 1) << 3) & 0xFF) - '0';
                int tens = ((int) (word >>> ((length - 2) << 3) & 0xFF) - '0') * two; // the first of two digits
                int magnitude = tens * 10 + lastDigit;
                int k = (magnitude ^ -negative) + negative + 32;
                // negative when some part is out of place: a digit, the digit count, a leading zero, "-0", the range
                int bad = (lastDigit | (9 - lastDigit)) | ((digits - 1) | (2 - digits))
                        | (((tens - 1) | (9 - tens)) & -two) | -(negative & ((magnitude - 1) >>> 31)) | (k | (63 - k));
                if (bad < 0 || (covered[f] >>> k & 1) == 0) {
                    return NOT_COVERED;
                }
                met |= bits[(f << 6) + k];
            }
            p = end + 1;
        }
        return met;
    }

    /**
     * The condition bits of the row whose feature {@code f} is in cell {@code featureSource[f]}
     * of {@code cells}, or {@link #NOT_COVERED} when a cell is not a covered integer (the caller
     * then takes the vector's path, which also names any problem).
     */
    long met(PlainCells cells, int[] featureSource) {
        long met = 0;
        for (int f = 0; f < featureSource.length; f++) {
            long k = cells.canonicalInteger(featureSource[f]) + 32; // NOT_AN_INTEGER + 32 is far below 0
            if ((k & ~63L) != 0 || (covered[f] >>> k & 1) == 0) {
                return NOT_COVERED;
            }
            met |= bits[(f << 6) + (int) k];
        }
        return met;
    }
}
