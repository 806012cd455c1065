package io.netsec.api.web;

import io.netsec.api.problem.ApiProblem;
import java.util.Locale;

/**
 * Query parameter values, read strictly: a value that is not what the parameter takes is a 400
 * naming the parameter. (Bound as {@code int} or {@code boolean}, {@code ?page=abc} was a 404, as
 * JAX-RS answers a query value it cannot convert, and {@code ?explain=yes} was quietly false.)
 * An empty value ({@code ?page=}) counts as absent.
 */
public final class QueryValues {

    private QueryValues() {
    }

    /** A 1-based page number: digits; 0 is the first page and a number past the end the last, as the page shows. */
    public static long page(String name, String value) {
        if (value == null || value.isEmpty()) {
            return 1;
        }
        if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiProblem.badRequest("query parameter '" + name + "' must be a page number (1, 2, ...), not '"
                    + shortened(value) + "'");
        }
        String digits = value.replaceFirst("^0+(?=.)", "");
        return digits.length() > 18 ? Long.MAX_VALUE : Math.max(1, Long.parseLong(digits));
    }

    /** {@code true} or {@code false} (any case); absent is false. */
    public static boolean flag(String name, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.badRequest("query parameter '" + name + "' must be true or false, not '"
                    + shortened(value) + "'");
        };
    }

    /** The value as a problem shows it: at most 40 characters. */
    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
