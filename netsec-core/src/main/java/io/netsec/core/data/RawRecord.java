package io.netsec.core.data;

/**
 * One data row as read: every cell of the source in source order, untyped, with its 1-based
 * row number (the header does not count). Cells are kept as text so that validation can say
 * exactly what was wrong and prediction can write every input column back unchanged.
 *
 * @param row        the 1-based row number in the order the source reads
 * @param cells      the cells, in source order
 * @param documentId the {@code _id} of the document the row was read from, as messages quote it
 *                   ({@code 'abc:3'}, {@code ObjectId('...')}, {@code 7}), or null for a file's row:
 *                   in a collection the row number alone does not find the document
 */
public record RawRecord(long row, String[] cells, String documentId) {

    /** A file's row. */
    public RawRecord(long row, String[] cells) {
        this(row, cells, null);
    }

    /** The cell at a source position, or null when the row is too short. */
    public String cell(int sourceIndex) {
        return sourceIndex >= 0 && sourceIndex < cells.length ? cells[sourceIndex] : null;
    }

    /**
     * {@code problem} as a message about this row says it: after {@code document _id X: } when
     * the row is a document (the message's row and column follow from {@link DataException}).
     */
    public String located(String problem) {
        return documentId == null ? problem : "document _id " + documentId + ": " + problem;
    }
}
