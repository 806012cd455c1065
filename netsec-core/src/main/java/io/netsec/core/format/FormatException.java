package io.netsec.core.format;

/**
 * A file that breaks its format, found at a line and column (1-based; 0 when unknown). The
 * readers of each kind of file turn it into their own error (a bundle's, a schema's) naming the
 * file.
 */
public final class FormatException extends RuntimeException {

    private final int line;
    private final int column;

    public FormatException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
