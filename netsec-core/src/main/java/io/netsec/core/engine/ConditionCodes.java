package io.netsec.core.engine;

import io.netsec.core.data.CellProblem;
import io.netsec.core.data.CellValue;
import io.netsec.core.data.CsvRecordBounds;
import io.netsec.core.data.RowEncoder;
import io.netsec.core.transform.FittedTransform;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A plan for plain CSV records of small integers, scored straight from their bytes without
 * building their vectors: for a tree ensemble that walks by condition bits
 * ({@link CompiledTrees#walksByConditions()}), over features whose allowed values are all
 * integers from -32 to 31 (the phishing data's -1, 0 and 1; flags; ratings), the bits each
 * feature's value sets are worked out once, through the encoder ({@link RowEncoder#encodeInteger}),
 * the transform and the ensemble themselves, so a row costs one lookup and one OR per feature
 * instead of encoding, transforming and comparing. The answer is the same bit for bit: the
 * transform writes each feature's inputs from that feature's value alone, and the ensemble's
 * bits of a vector are the union of its inputs' bits.
 *
 * <p>The plan has no rule of its own for cells: a cell takes it only when its text is
 * {@link Long#toString}'s of a value the encoder passes unchanged, which is exactly a cell
 * {@link RowEncoder#encodeAscii} reads as that integer ({@link CellValue#canonicalInteger});
 * any other cell leaves the record to the encoder.
 *
 * <p>Immutable and thread-safe.
 */
final class ConditionCodes {

    /** Eight bytes of a record at once, in file order from the lowest byte. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    private static final long COMMAS = ',' * ONES;
    /** Times a word of bits 0, 8, ..., 56, puts bit 8k at 56 + k: a byte's bits in the top byte. */
    private static final long GATHER = 0x0102040810204080L;

    /** What {@link #met} answers for a row this path does not take (no vector's bits are all ones). */
    static final long NOT_COVERED = -1L;

    /** The trees the bits are scored by. */
    private final CompiledTrees trees;
    /** Per feature: bit {@code v + 32} when value {@code v} takes this path (allowed, not a missing marker, no NaN input). */
    private final long[] covered;
    /** The condition bits of feature {@code f}'s value {@code v} at {@code f * 64 + v + 32}. */
    private final long[] bits;

    /**
     * The covered values' texts, hashed per feature: feature {@code f}'s cell text, read as a
     * little-endian number {@code key}, can only be the text in slot
     * {@code first[f] + (key * multiplier[f] >>> shift[f])}, where {@code keys} holds that text
     * (-1: none) and {@code codes} its condition bits. A key is a text of up to seven bytes and
     * its length in the top byte, so equal keys are equal texts: only {@link Long#toString}'s
     * spelling of a covered value matches ("01", "-0", "+1" and "1" then a NUL byte have other
     * keys), and one multiply and two loads decide a cell. Replaced a digit-by-digit reading that was
     * three quarters of a row's reading time.
     */
    private final int[] first;
    private final long[] multiplier;
    private final int[] shift;
    private final long[] keys;
    private final long[] codes;

    private ConditionCodes(CompiledTrees trees, long[] covered, long[] bits) {
        this.trees = trees;
        this.covered = covered;
        this.bits = bits;
        int features = covered.length;
        this.first = new int[features];
        this.multiplier = new long[features];
        this.shift = new int[features];
        java.util.List<long[]> keyTables = new java.util.ArrayList<>();
        java.util.List<long[]> codeTables = new java.util.ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(0x5eed);
        int size = 0;
        for (int f = 0; f < features; f++) {
            int count = Long.bitCount(covered[f]);
            int tableBits = Math.max(3, 66 - Long.numberOfLeadingZeros(count)); // at least four slots a value
            long[] keyTable = new long[1 << tableBits];
            long[] codeTable = new long[1 << tableBits];
            do { // a multiplier that gives each covered text a slot of its own (a few tries for
                 // three values, some tens for 64; made once per detector)
                multiplier[f] = random.nextLong() | 1;
                java.util.Arrays.fill(keyTable, -1);
            } while (!place(f, tableBits, keyTable, codeTable));
            shift[f] = 64 - tableBits;
            first[f] = size;
            size += keyTable.length;
            keyTables.add(keyTable);
            codeTables.add(codeTable);
        }
        this.keys = new long[size];
        this.codes = new long[size];
        for (int f = 0; f < features; f++) {
            System.arraycopy(keyTables.get(f), 0, keys, first[f], keyTables.get(f).length);
            System.arraycopy(codeTables.get(f), 0, codes, first[f], codeTables.get(f).length);
        }
    }

    /** Puts feature {@code f}'s covered texts in their slots; false when two share one. */
    private boolean place(int f, int tableBits, long[] keyTable, long[] codeTable) {
        for (int k = 0; k < Long.SIZE; k++) {
            if ((covered[f] >>> k & 1) == 0) {
                continue;
            }
            byte[] text = Long.toString(k - 32).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            long key = 0;
            for (int i = text.length - 1; i >= 0; i--) {
                key = key << 8 | text[i];
            }
            key |= (long) text.length << 56; // the length too: "1" and "1" followed by a NUL byte differ
            int slot = (int) (key * multiplier[f] >>> (64 - tableBits));
            if (keyTable[slot] != -1) {
                return false;
            }
            keyTable[slot] = key;
            codeTable[slot] = bits[(f << 6) + k];
        }
        return true;
    }

    /**
     * The codes for this model, or null when it does not walk by condition bits or some
     * feature's allowed values are not all small integers (every feature must be covered: a
     * row's bits need every input).
     */
    static ConditionCodes of(RowEncoder encoder, FittedTransform transform, CompiledModel model) {
        if (!(model instanceof CompiledTrees trees) || !trees.walksByConditions()) {
            return null;
        }
        int features = encoder.features().size();
        if (transform.columns().size() != features || transform.outputWidth() != trees.model().featureCount()) {
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
        return new ConditionCodes(trees, covered, bits);
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
     * The threat probabilities of rows given by their {@link #met} bits, {@code met[0]} to
     * {@code met[count - 1]}, several at once where the trees allow.
     */
    void probabilities(long[] met, int count, double[] probabilities, CompiledModel.Scratch scratch) {
        trees.probabilitiesOfConditions(met, count, probabilities, scratch);
    }

    /**
     * {@link #met} of records {@code first}, {@code first + 1}, ... of {@code bounds} into
     * {@code met[0]}, {@code met[1]}, ..., up to {@code limit} (exclusive), while each record is
     * plain (and not blank) and covered; returns how many. The records' loop is here, apart from
     * the probabilities' and the output's (see {@link RecordScorer#scorePlain} for why).
     */
    int metOfRun(byte[] bytes, CsvRecordBounds bounds, int first, int limit, int[] cellFeature, int width, long[] met) {
        int r = first;
        for (; r < limit; r++) {
            int from = bounds.start(r);
            int to = bounds.end(r);
            if (from == to || !bounds.plain(r)) {
                break;
            }
            long conditions = met(bytes, from, to, cellFeature, width);
            if (conditions == NOT_COVERED) {
                break;
            }
            met[r - first] = conditions;
        }
        return r - first;
    }

    /** Records shorter than this are read by their comma masks ({@link #metOfShort}); a block keeps this much slack. */
    static final int WINDOW = 128;

    /**
     * The condition bits of the plain record {@code bytes[from, to)} (all ASCII, no quote: see
     * {@link io.netsec.core.data.CsvRecordBounds#plain}) of exactly {@code width} cells, feature
     * {@code cellFeature[c]} in cell {@code c} (-1: no feature), read straight from the bytes;
     * {@link #NOT_COVERED} when a cell count differs or a feature's cell is not a covered integer
     * as {@link Long#toString} writes it, and the caller takes {@link PlainCells}.
     *
     * <p>Written by hand, as {@link PlainCells}, and faster again for these cells. A record
     * shorter than {@value #WINDOW} bytes, with {@value #WINDOW} + 8 bytes in the buffer from its
     * start, is read by
     * {@link #metOfShort}; any other one cell after cell, each cell's comma found among eight
     * bytes at once. A cell's one or two digits and sign are read from one word without a branch
     * (a byte-by-byte split branches on every byte's kind, and random data makes those branches
     * mispredict: 0.38 of 1.1 us a row).
     */
    long met(byte[] bytes, int from, int to, int[] cellFeature, int width) {
        if (to - from < WINDOW && from + WINDOW + Long.BYTES <= bytes.length) {
            return metOfShort(bytes, from, to, cellFeature, width);
        }
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
                long code = code(word, end - p, f);
                if (code == NOT_COVERED) {
                    return NOT_COVERED;
                }
                met |= code;
            }
            p = end + 1;
        }
        return met;
    }

    /**
     * {@link #met} of a record shorter than {@value #WINDOW} bytes, with that many bytes after
     * its start in the buffer. Read one cell after the other, each cell's end waits on the
     * previous one (a load, then finding the comma: about 14 cycles a cell, most of the time of a
     * row). Here the commas of the whole record become two 64-bit masks first (sixteen words,
     * each independent of the others), and each cell ends at the lowest set bit left, which a
     * count of trailing zeros finds and one instruction clears: a cell waits on the one before
     * it for a cycle, not for a load. ({@link Long#expand} of the c-th bit, as fast once C2 has
     * compiled this method, is a call to its Java code in C1's, about 1 us a row until then.)
     */
    private long metOfShort(byte[] bytes, int from, int to, int[] cellFeature, int width) {
        long low = commaBits(bytes, from);
        long high = commaBits(bytes, from + 64);
        int length = to - from;
        // keep the commas before the record's end, and count its end as one; without a branch,
        // as records under 64 bytes are rare and a branch the JIT has not seen taken recompiles
        long beyond = -(long) ((63 - length) >>> 31); // all ones when the end is in the high word
        low = low & ((1L << length) - 1 | beyond) | 1L << length & ~beyond;
        high = high & ((1L << (length - 64)) - 1) & beyond | 1L << (length - 64) & beyond;
        int inLow = Long.bitCount(low);
        if (inLow + Long.bitCount(high) != width) {
            return NOT_COVERED; // fewer or more cells than the header
        }
        long met = 0;
        int start = 0;
        for (int c = 0; c < width; c++) {
            // the lowest comma left is this cell's end; clearing it is one instruction (BLSR)
            int end;
            if (c < inLow) {
                end = Long.numberOfTrailingZeros(low);
                low &= low - 1;
            } else {
                end = 64 + Long.numberOfTrailingZeros(high);
                high &= high - 1;
            }
            int f = cellFeature[c];
            if (f >= 0) {
                long code = code((long) WORDS.get(bytes, from + start), end - start, f);
                if (code == NOT_COVERED) {
                    return NOT_COVERED;
                }
                met |= code;
            }
            start = end + 1;
        }
        return met;
    }

    /** Bit i set when {@code bytes[at + i]} is a comma, for i from 0 to 63. */
    private static long commaBits(byte[] bytes, int at) {
        long bits = 0;
        for (int w = 0; w < 8; w++) {
            long x = (long) WORDS.get(bytes, at + 8 * w) ^ COMMAS;
            // exactly the zero bytes' high bits (no borrow between bytes), gathered to one bit a
            // byte by a multiply: byte k's bit lands on bit 56 + k and no two partial products
            // meet (Long.compress, as fast in C2's code, is a call to its Java code in C1's)
            long zeros = ~(((x & LOWS) + LOWS) | x | LOWS);
            bits |= ((zeros >>> 7) * GATHER >>> 56) << (8 * w);
        }
        return bits;
    }

    /**
     * The condition bits of feature {@code f}'s cell of {@code length} bytes, the first of them
     * the lowest byte of {@code word}, or {@link #NOT_COVERED} when it is not a covered integer
     * as {@link Long#toString} writes it.
     */
    private long code(long word, int length, int f) {
        if (length < 1 || length > 7) {
            return NOT_COVERED; // covered values are -32 to 31: one to three characters
        }
        long key = word & -1L >>> (64 - 8 * length) | (long) length << 56; // as place() makes them
        int slot = first[f] + (int) (key * multiplier[f] >>> shift[f]);
        return keys[slot] == key ? codes[slot] : NOT_COVERED;
    }
}
