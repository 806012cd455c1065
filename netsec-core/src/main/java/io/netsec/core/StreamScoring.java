package io.netsec.core;

import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RecordSource;
import java.io.IOException;

/**
 * Scores a whole record source on several cores with constant memory.
 *
 * @deprecated moved to {@link io.netsec.core.stream.StreamScoring} (the same methods); this
 *             forwarder keeps code written against 0.1 compiling
 */
@Deprecated(forRemoval = true)
public final class StreamScoring {

    /** Records per batch. */
    public static final int BATCH = io.netsec.core.stream.StreamScoring.BATCH;

    private StreamScoring() {
    }

    /** Receives results in input order, on the thread that called {@link #run}. */
    public interface Sink {
        /** A record and its threat probability. */
        void scored(RawRecord record, double probability) throws IOException;

        /** A record that breaks the schema; throw {@code problem} to stop. */
        void rejected(RawRecord record, DataException problem) throws IOException;
    }

    /** As {@link io.netsec.core.stream.StreamScoring#run}. */
    public static void run(Detector detector, RecordSource source, int threads, Sink sink) throws IOException {
        io.netsec.core.stream.StreamScoring.run(detector, source, threads, new io.netsec.core.stream.StreamScoring.Sink() {
            @Override
            public void scored(RawRecord record, double probability) throws IOException {
                sink.scored(record, probability);
            }

            @Override
            public void rejected(RawRecord record, DataException problem) throws IOException {
                sink.rejected(record, problem);
            }
        });
    }
}
