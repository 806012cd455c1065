package io.netsec.spark;

import io.netsec.core.CredentialMask;
import io.netsec.core.data.DataException;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.InputFileBlockHolder;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Where a task is in its partition, for messages about a row: the partition index, the row within
 * it, and, while the partition reads a file straight from a file scan, that file and the row
 * within it. Spark keeps the file the task reads in {@link InputFileBlockHolder} (what
 * {@code input_file_name()} reads); after a shuffle, or for data that is no file, it is empty.
 * One per task, on the executor.
 */
final class RowPosition {

    private final int partition;
    private long row;
    private UTF8String file;
    private boolean fileFromStart;
    private long fileRow;

    RowPosition() {
        TaskContext task = TaskContext.get();
        this.partition = task == null ? 0 : task.partitionId();
    }

    /** Moves to the next row; call once per row, after the input iterator gave it. */
    void advance() {
        row++;
        UTF8String current = currentFile();
        if (current != file) { // the holder keeps one string per file (or block of it) a task opens
            file = current;
            fileFromStart = InputFileBlockHolder.getStartOffset() == 0;
            fileRow = 0;
        }
        fileRow++;
    }

    /** The rows this position has moved over. */
    long rows() {
        return row;
    }

    /** Forgets the rows counted (the partition's iterator may be drained again). */
    void reset() {
        row = 0;
    }

    /** {@code problem}, found at the current row, as the typed exception the driver unwraps. */
    BadRowException failure(DataException problem) {
        String name = file == null || file.numBytes() == 0 ? null : CredentialMask.uri(file.toString());
        return new BadRowException(partition, row, name, name != null && fileFromStart ? fileRow : -1, problem);
    }

    private static UTF8String currentFile() {
        try {
            return InputFileBlockHolder.getInputFilePath();
        } catch (RuntimeException | LinkageError unavailable) {
            // Spark's own, not a public API: without it the message names the partition and row only.
            return null;
        }
    }
}
