package io.netsec.core.data;

/**
 * What is wrong with one cell, if anything. A value, not an exception: validation collects
 * many of these, while scoring turns the first into a {@link DataException}.
 */
public enum CellProblem {
    NONE(null),
    MISSING("a value is required"),
    NOT_AN_INTEGER("not an integer"),
    NOT_A_NUMBER("not a number"),
    NOT_ALLOWED("not an allowed value"),
    OUT_OF_RANGE("outside the allowed range"),
    UNKNOWN_LABEL("a label value the schema maps to neither class");

    private final String description;

    CellProblem(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
