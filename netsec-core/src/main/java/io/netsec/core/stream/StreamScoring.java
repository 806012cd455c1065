package io.netsec.core.stream;

import io.netsec.core.Detector;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RecordSource;
import io.netsec.core.engine.RecordScorer;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The generic record-stream driver: scores any {@link RecordSource} (a CSV file read by
 * Jackson, ARFF, a MongoDB collection) on several cores with constant memory. The calling thread
 * reads batches of records, worker threads score them ({@link RecordScorer}), and the results
 * come back to the calling thread in input order. At most {@code 2 * threads} batches are in flight.
 *
 * <pre>{@code
 * try (RecordSource source = CsvRecordSource.open(file, detector.schema())) {
 *     StreamScoring.run(detector, source, 2, new StreamScoring.Sink() {
 *         public void scored(RawRecord record, double probability) { ... }
 *         public void rejected(RawRecord record, DataException problem) { throw problem; }
 *     });
 * }
 * }</pre>
 */
public final class StreamScoring {

    /** Records per batch: large enough to amortise hand-offs, small enough to keep memory flat. */
    public static final int BATCH = 4096;

    private StreamScoring() {
    }

    /** Receives results in input order, on the thread that called {@link #run}. */
    public interface Sink {
        /** A record and its threat probability. */
        void scored(RawRecord record, double probability) throws IOException;

        /** A record that breaks the schema; throw {@code problem} to stop. */
        void rejected(RawRecord record, DataException problem) throws IOException;
    }

    private record ScoredBatch(RawRecord[] records, double[] probabilities, DataException[] problems) {
    }

    /** Scores every record of {@code source} with {@code threads} worker threads (1: on the calling thread). */
    public static void run(Detector detector, RecordSource source, int threads, Sink sink) throws IOException {
        if (threads <= 1) {
            RecordScorer scorer = detector.recordScorer(source.header());
            for (RawRecord record; (record = source.next()) != null; ) {
                double probability;
                try {
                    probability = scorer.probability(record);
                } catch (DataException problem) {
                    sink.rejected(record, problem);
                    continue;
                }
                sink.scored(record, probability);
            }
            return;
        }
        ThreadLocal<RecordScorer> scorers = ThreadLocal.withInitial(() -> detector.recordScorer(source.header()));
        detector.recordScorer(source.header()); // fail here, on the caller, when columns are missing
        ExecutorService pool = ScoringThreads.pool(threads, "netsec-scoring");
        Deque<Future<ScoredBatch>> inFlight = new ArrayDeque<>();
        try {
            while (true) {
                RawRecord[] batch = readBatch(source);
                if (batch.length > 0) {
                    inFlight.add(pool.submit(() -> score(scorers.get(), batch)));
                }
                while (!inFlight.isEmpty() && (batch.length == 0 || inFlight.size() >= 2 * threads)) {
                    deliver(inFlight.poll(), sink);
                }
                if (batch.length == 0) {
                    return;
                }
            }
        } finally {
            inFlight.forEach(future -> future.cancel(true));
            pool.shutdownNow();
        }
    }

    private static RawRecord[] readBatch(RecordSource source) throws IOException {
        RawRecord[] batch = new RawRecord[BATCH];
        int size = 0;
        for (RawRecord record; size < BATCH && (record = source.next()) != null; ) {
            batch[size++] = record;
        }
        return size == BATCH ? batch : java.util.Arrays.copyOf(batch, size);
    }

    private static ScoredBatch score(RecordScorer scorer, RawRecord[] records) {
        double[] probabilities = new double[records.length];
        DataException[] problems = null;
        for (int i = 0; i < records.length; i++) {
            try {
                probabilities[i] = scorer.probability(records[i]);
            } catch (DataException problem) {
                if (problems == null) {
                    problems = new DataException[records.length];
                }
                problems[i] = problem;
            }
        }
        return new ScoredBatch(records, probabilities, problems);
    }

    private static void deliver(Future<ScoredBatch> future, Sink sink) throws IOException {
        ScoredBatch batch = ScoringThreads.await(future);
        for (int i = 0; i < batch.records().length; i++) {
            if (batch.problems() != null && batch.problems()[i] != null) {
                sink.rejected(batch.records()[i], batch.problems()[i]);
            } else {
                sink.scored(batch.records()[i], batch.probabilities()[i]);
            }
        }
    }
}
