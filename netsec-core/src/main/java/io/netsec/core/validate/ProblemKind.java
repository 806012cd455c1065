package io.netsec.core.validate;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kinds of fault a validation report counts; JSON spells them in snake_case ({@code wrong_type}). */
public enum ProblemKind {
    /** The cell is not a value of the column's type (e.g. "seven" in an integer column). */
    WRONG_TYPE("not a value of the column's type"),
    /** The cell is not among the column's allowed values. */
    NOT_ALLOWED("not an allowed value"),
    /** The cell is outside the column's min/max. */
    OUT_OF_RANGE("outside the allowed range"),
    /** The cell is missing and the column is not nullable. */
    MISSING("a value is required"),
    /** The label cell maps to neither the threat nor the benign class. */
    UNKNOWN_LABEL("a label value the schema maps to neither class"),
    /** The row has a different number of cells than the header; its cells are not checked. */
    RAGGED_ROW("the row's cell count differs from the header's");

    private final String description;

    ProblemKind(String description) {
        this.description = description;
    }

    /** A short phrase for humans. */
    public String description() {
        return description;
    }

    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
