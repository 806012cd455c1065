package io.netsec.core.schema;

/** Parses one cell by its column type; returns null instead of throwing, since bad cells are data, not bugs. */
public final class CellParser {

    private CellParser() {
    }

    /**
     * The integer in {@code text}, or null. Accepts an optional sign and a trailing ".0".
     * Surrounding white space is ignored, control characters are not: {@code "1\0"} is no number.
     * Digits are ASCII only: {@code Long.parseLong} also reads any Unicode digit (Arabic-Indic
     * {@code "١"}, full-width {@code "１"}), which no fast path of the scorer reads, so those are text.
     */
    public static Long parseInteger(String text) {
        String trimmed = text.strip();
        if (trimmed.endsWith(".0")) {
            trimmed = trimmed.substring(0, trimmed.length() - 2);
        }
        int signs = trimmed.startsWith("-") || trimmed.startsWith("+") ? 1 : 0;
        if (trimmed.length() == signs || trimmed.length() > 19 + signs) { // 1 to 19 digits, after a sign
            return null;
        }
        for (int i = signs; i < trimmed.length(); i++) {
            if (!isAsciiDigit(trimmed.charAt(i))) {
                return null;
            }
        }
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The finite number in {@code text}, or null (NaN and infinities are not values); digits are ASCII only. */
    public static Double parseNumber(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > 64) {
            return null;
        }
        char first = trimmed.charAt(0);
        char last = trimmed.charAt(trimmed.length() - 1);
        // Double.parseDouble accepts "1d", "1f", "NaN" and "Infinity", none of which is a data value,
        // and ignores control characters around the number, which a data value does not have.
        if (!isAsciiDigit(last) && last != '.' || !isAsciiDigit(first) && "+-.".indexOf(first) < 0) {
            return null;
        }
        for (int i = 1; i < trimmed.length() - 1; i++) {
            if (trimmed.charAt(i) >= 128) {
                return null; // the rule is ours, not an accident of what Double.parseDouble reads
            }
        }
        try {
            double value = Double.parseDouble(trimmed);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The value of a numeric cell as a double, or NaN when it is not a number of the given type.
     * This is the scoring hot path: small integers are read without allocating.
     */
    public static double toDouble(ColumnType type, String text) {
        int length = text.length();
        if (length > 0 && length <= 3) {
            int index = 0;
            boolean negative = false;
            char first = text.charAt(0);
            if (first == '-' || first == '+') {
                negative = first == '-';
                index = 1;
            }
            if (index < length) {
                int value = 0;
                boolean digits = true;
                for (int i = index; i < length; i++) {
                    char c = text.charAt(i);
                    if (c < '0' || c > '9') {
                        digits = false;
                        break;
                    }
                    value = value * 10 + (c - '0');
                }
                if (digits) {
                    return negative ? -value : value;
                }
            }
        }
        if (type == ColumnType.INTEGER) {
            Long value = parseInteger(text);
            return value == null ? Double.NaN : value.doubleValue();
        }
        Double value = parseNumber(text);
        return value == null ? Double.NaN : value;
    }
}
