package io.netsec.core;

import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.TableHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * Scores a CSV stream into a CSV stream on every core.
 *
 * @deprecated moved to {@link io.netsec.core.stream.CsvScoring} (the same methods); this
 *             forwarder keeps code written against 0.1 compiling
 */
@Deprecated(forRemoval = true)
public final class CsvScoring implements AutoCloseable {

    private final io.netsec.core.stream.CsvScoring scoring;

    private CsvScoring(io.netsec.core.stream.CsvScoring scoring) {
        this.scoring = scoring;
    }

    /** How many rows went where. */
    public record Totals(long scored, long threats, long rejected) {
    }

    /** Receives rows that break the schema, in input order, on the calling thread. */
    public interface Rejects {
        void rejected(RawRecord record, DataException problem) throws IOException;
    }

    /** As {@link io.netsec.core.stream.CsvScoring#open}. */
    public static CsvScoring open(Detector detector, String name, InputStream in) throws IOException {
        return new CsvScoring(io.netsec.core.stream.CsvScoring.open(detector, name, in));
    }

    public TableHeader header() {
        return scoring.header();
    }

    /** As {@link io.netsec.core.stream.CsvScoring#scoreTo}. */
    public Totals scoreTo(OutputStream out, int threads, Rejects rejects, LongConsumer progress) throws IOException {
        io.netsec.core.stream.CsvScoring.Totals totals = scoring.scoreTo(out, threads,
                rejects == null ? null : rejects::rejected, progress);
        return new Totals(totals.scored(), totals.threats(), totals.rejected());
    }

    @Override
    public void close() throws IOException {
        scoring.close();
    }
}
