package io.netsec.core.data;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * What cell a value stands for, for every way in that hands over values instead of text (a map
 * of a record, a JSON token, a Spark row's field): the one rule, so that each gets what the CSV
 * file of the same record would get. {@link RowEncoder#encodeValue} applies it.
 *
 * <ul>
 * <li>a whole number of the value's own type (an {@code Integer}, {@code Long}, {@code Short} or
 * {@code Byte}; a {@code double}, {@code float}, {@code BigDecimal} or {@code BigInteger} that
 * is a whole number within {@code long}'s range) is that integer, as {@link Long#toString}
 * writes it: {@code 1.0} is {@code "1"}, {@code 1e3} is {@code "1000"};</li>
 * <li>any other number is its shortest text of its own type: {@link Double#toString},
 * {@link Float#toString} ({@code 0.1f} is {@code "0.1"}, not the double nearest the float),
 * {@link BigDecimal#toString} without trailing zeros, {@link BigInteger#toString};</li>
 * <li>null is a missing cell; anything else (text, a boolean) is its {@code toString()}.</li>
 * </ul>
 */
public final class CellValue {

    /** What {@link #integerOf} and {@link #canonicalInteger} answer for a value that is not a whole {@code long}. */
    public static final long NOT_AN_INTEGER = Long.MIN_VALUE;

    /** 2^63 as a double: whole doubles in [-2^63, 2^63) are exactly longs. */
    private static final double TWO_TO_63 = 0x1p63;

    private CellValue() {
    }

    /**
     * The integer {@code value} stands for, or {@link #NOT_AN_INTEGER} when it is not a whole
     * number in {@code long}'s range (or is {@code Long.MIN_VALUE} itself, whose text
     * {@link #textOf} gives instead: the cell is the same).
     */
    public static long integerOf(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return d == Math.rint(d) && d >= -TWO_TO_63 && d < TWO_TO_63 ? (long) d : NOT_AN_INTEGER;
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < Long.SIZE ? big.longValue() : NOT_AN_INTEGER;
        }
        if (value instanceof BigDecimal decimal) {
            // at most 19 digits before the point, checked before stripping: 1E+1000000000 is short text
            if (decimal.signum() == 0) {
                return 0;
            }
            BigDecimal whole = (long) decimal.precision() - decimal.scale() <= 19 ? decimal.stripTrailingZeros() : null;
            if (whole != null && whole.scale() <= 0) {
                try {
                    return whole.longValueExact();
                } catch (ArithmeticException e) {
                    return NOT_AN_INTEGER; // past long's range
                }
            }
        }
        return NOT_AN_INTEGER;
    }

    /** The text of the cell {@code value} stands for, or null for a missing one. */
    public static String textOf(Object value) {
        long integer = integerOf(value);
        if (integer != NOT_AN_INTEGER) {
            return Long.toString(integer);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toString();
        }
        if ((value instanceof Double || value instanceof Float) && ((Number) value).doubleValue() == -TWO_TO_63) {
            return Long.toString(Long.MIN_VALUE); // whole, and a long: the one integerOf cannot answer
        }
        return value == null ? null : value.toString(); // Double and Float: their own shortest text
    }

    /**
     * The integer the ASCII cell {@code bytes[from, to)} holds when its text is exactly what
     * {@link Long#toString} writes for it (an optional minus, no leading zero, no "-0", at most
     * 18 digits), else {@link #NOT_AN_INTEGER}: then the encoder reads the text. Such a cell
     * encodes as {@link RowEncoder#encodeInteger} of its value, so the byte-level plans of the
     * engine read it without a {@code String}.
     */
    public static long canonicalInteger(byte[] bytes, int from, int to) {
        boolean negative = from < to && bytes[from] == '-';
        int first = negative ? from + 1 : from;
        int digits = to - first;
        if (digits < 1 || digits > 18 || (bytes[first] == '0' && (digits > 1 || negative))) {
            return NOT_AN_INTEGER;
        }
        long value = 0;
        for (int i = first; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_AN_INTEGER;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }
}
