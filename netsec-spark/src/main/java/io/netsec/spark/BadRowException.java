package io.netsec.spark;

import io.netsec.core.data.DataException;

/**
 * A row that breaks the schema, found on an executor: the partition, the row within it, the input
 * file and the row within that file when Spark says (a file read from its start in one partition),
 * the column, and what is wrong. Spark carries it back to the driver as the cause of the job's
 * failure, where {@link JobFailure} finds it in the chain of {@code SparkException}s.
 *
 * <pre>
 * partition 2, row 17 (file:/data/traffic.csv, row 5017), column 'duration': not a number: 'abc'
 * </pre>
 */
public final class BadRowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int partition;
    private final long row;
    private final String file;
    private final long fileRow;
    private final String column;

    /**
     * @param partition the partition index
     * @param row       the 1-based row within the partition
     * @param file      the input file the row was read from, or null when Spark does not say (its secrets masked)
     * @param fileRow   the 1-based data row within that file, or -1 when the partition did not read it from its start
     * @param problem   what the scorer found, naming the column
     */
    public BadRowException(int partition, long row, String file, long fileRow, DataException problem) {
        super(format(partition, row, file, fileRow, problem), problem);
        this.partition = partition;
        this.row = row;
        this.file = file;
        this.fileRow = fileRow;
        this.column = problem.column();
    }

    private static String format(int partition, long row, String file, long fileRow, DataException problem) {
        StringBuilder text = new StringBuilder("partition ").append(partition).append(", row ").append(row);
        if (file != null) {
            text.append(" (").append(file);
            if (fileRow > 0) {
                text.append(", row ").append(fileRow);
            }
            text.append(')');
        }
        if (problem.column() != null) {
            text.append(", column '").append(problem.column()).append('\'');
        }
        return text.append(": ").append(problem.problem()).toString();
    }

    public int partition() {
        return partition;
    }

    /** The 1-based row within the partition. */
    public long row() {
        return row;
    }

    /** The input file, or null when Spark did not say. */
    public String file() {
        return file;
    }

    /** The 1-based data row within {@link #file()}, or -1 when unknown. */
    public long fileRow() {
        return fileRow;
    }

    /** The column at fault, or null. */
    public String column() {
        return column;
    }
}
