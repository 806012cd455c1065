package io.netsec.core.engine;

import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;

/**
 * What one call of {@link RecordScorer#scorePlain} read from a block: the threat probabilities
 * of the first {@link #scored()} records, in order, then perhaps one record that broke the schema
 * ({@link #rejected()}). Reused from call to call: read it before the next.
 */
public final class PlainRun {

    /** The most records one call scores: a run's three loops (bits, probabilities, output rows) stay in cache. */
    public static final int SIZE = 512;

    /**
     * Bytes a block must hold past its last record, never read into: the plan for short records
     * reads a window of {@code ConditionCodes.WINDOW} bytes from a record's start and eight more.
     */
    public static final int SLACK = ConditionCodes.WINDOW + Long.BYTES;

    final long[] met = new long[SIZE];
    final double[] probabilities = new double[SIZE];
    int scored;
    RawRecord rejected;
    DataException problem;

    /** How many records were scored. */
    public int scored() {
        return scored;
    }

    /** Their probabilities, {@code [0, scored())} in order: this run's own array, read-only. */
    public double[] probabilities() {
        return probabilities;
    }

    /** The record after the scored ones that broke the schema, as read, or null. */
    public RawRecord rejected() {
        return rejected;
    }

    /** What was wrong with {@link #rejected()}, naming its row and column, or null. */
    public DataException problem() {
        return problem;
    }
}
