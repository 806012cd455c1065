package io.netsec.core.schema;

/**
 * A record's refusal of a value that a schema file holds at a known place (a family, or one of
 * its values), so that the reader names that line rather than where the record's mapping starts.
 * Thrown by the constructors; outside a file it is an ordinary {@link IllegalArgumentException}.
 */
final class PlacedRefusal extends IllegalArgumentException {

    private final String place;

    PlacedRefusal(String place, String message) {
        super(message);
        this.place = place;
    }

    /** The place's key, as {@link #family} and {@link #value} spell it. */
    String place() {
        return place;
    }

    /** The key of family {@code family}'s name in the file. */
    static String family(String family) {
        return "families." + family;
    }

    /** The key of the {@code index}-th value of family {@code family}. */
    static String value(String family, int index) {
        return "families." + family + "[" + index + "]";
    }

    static final String UNKNOWN_THREAT = "unknown_threat";
}
