package io.netsec.core.validate;

import io.netsec.core.schema.DriftSettings;
import java.util.function.LongConsumer;

/**
 * How a {@link Validator} runs.
 *
 * <pre>{@code
 * ValidationOptions options = ValidationOptions.DEFAULTS
 *         .withMaxProblems(50)
 *         .withProgress(rows -> System.err.println(rows + " rows"))
 *         .withReference(DataProfile.of(referenceSource, schema), schema.drift());
 * }</pre>
 *
 * @param maxProblems   how many faults the report lists one by one (all are counted)
 * @param progress      told the rows read so far every {@link #PROGRESS_EVERY} rows and at the end; may be null
 * @param reference     the reference distribution to compare the data with, or null for no drift report
 * @param driftSettings thresholds of the drift report; null means the schema's
 */
public record ValidationOptions(int maxProblems, LongConsumer progress, DataProfile reference, DriftSettings driftSettings) {

    /** Rows between two progress calls. */
    public static final long PROGRESS_EVERY = 100_000;

    /** 20 listed problems, no progress, no drift. */
    public static final ValidationOptions DEFAULTS = new ValidationOptions(20, null, null, null);

    public ValidationOptions {
        if (maxProblems < 0) {
            throw new IllegalArgumentException("maxProblems must not be negative, got " + maxProblems);
        }
    }

    public ValidationOptions withMaxProblems(int maxProblems) {
        return new ValidationOptions(maxProblems, progress, reference, driftSettings);
    }

    public ValidationOptions withProgress(LongConsumer progress) {
        return new ValidationOptions(maxProblems, progress, reference, driftSettings);
    }

    /** Also compare the data with {@code reference} under {@code settings} (null: the schema's). */
    public ValidationOptions withReference(DataProfile reference, DriftSettings settings) {
        return new ValidationOptions(maxProblems, progress, reference, settings);
    }
}
