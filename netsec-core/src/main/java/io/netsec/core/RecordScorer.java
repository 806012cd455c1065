package io.netsec.core;

import io.netsec.core.data.RawRecord;

/**
 * Scores raw records of one source without allocating per record.
 *
 * @deprecated moved to {@link io.netsec.core.engine.RecordScorer}, which
 *             {@link Detector#recordScorer} returns; this forwarder, which {@link Detector#scorer}
 *             still returns, keeps code written against 0.1 compiling
 */
@Deprecated(forRemoval = true)
public final class RecordScorer {

    private final io.netsec.core.engine.RecordScorer scorer;

    RecordScorer(io.netsec.core.engine.RecordScorer scorer) {
        this.scorer = scorer;
    }

    /** As {@link io.netsec.core.engine.RecordScorer#probability(RawRecord)}. */
    public double probability(RawRecord record) {
        return scorer.probability(record);
    }
}
