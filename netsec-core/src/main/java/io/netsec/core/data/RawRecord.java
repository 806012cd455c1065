package io.netsec.core.data;

/**
 * One data row as read: every cell of the source in source order, untyped, with its 1-based
 * row number (the header does not count). Cells are kept as text so that validation can say
 * exactly what was wrong and prediction can write every input column back unchanged.
 */
public record RawRecord(long row, String[] cells) {

    /** The cell at a source position, or null when the row is too short. */
    public String cell(int sourceIndex) {
        return sourceIndex >= 0 && sourceIndex < cells.length ? cells[sourceIndex] : null;
    }
}
