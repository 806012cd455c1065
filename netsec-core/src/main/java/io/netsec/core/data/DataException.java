package io.netsec.core.data;

/**
 * Data that breaks its schema or cannot be read, with the place at fault: the source (file or
 * collection), the 1-based data row (0 for the header or the source as a whole) and the column.
 */
public final class DataException extends RuntimeException {

    private final String source;
    private final long row;
    private final String column;
    private final String problem;

    public DataException(String source, long row, String column, String message) {
        super(format(source, row, column, message));
        this.source = source;
        this.row = row;
        this.column = column;
        this.problem = message;
    }

    public DataException(String source, long row, String column, String message, Throwable cause) {
        super(format(source, row, column, message), cause);
        this.source = source;
        this.row = row;
        this.column = column;
        this.problem = message;
    }

    private static String format(String source, long row, String column, String message) {
        StringBuilder text = new StringBuilder(source);
        if (row > 0) {
            text.append(", row ").append(row);
        } else if (row == 0) {
            text.append(", header");
        }
        if (column != null) {
            text.append(", column '").append(column).append('\'');
        }
        return text.append(": ").append(message).toString();
    }

    public String source() {
        return source;
    }

    /** The 1-based data row (the header is row 0; -1 when no row applies). */
    public long row() {
        return row;
    }

    /** The column at fault, or null. */
    public String column() {
        return column;
    }

    /** What is wrong, without the place (the message is the place, then this). */
    public String problem() {
        return problem;
    }
}
