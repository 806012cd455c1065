package io.netsec.core.stream;

import io.netsec.core.Detector;
import io.netsec.core.FamilyScore;
import io.netsec.core.data.CsvOutput;
import io.netsec.core.data.CsvRecordBounds;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.TableHeader;
import io.netsec.core.engine.PlainRun;
import io.netsec.core.engine.RecordScorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * The CSV driver: scores a CSV stream into a CSV stream on every core. The file is cut into
 * blocks at record ends ({@link CsvBlocks}), and a worker thread scores each block and formats its
 * rows; the calling thread only reads and writes bytes, in input order. Each record is read
 * once, by the reader its kind calls for: a plain record (ASCII, no quote) by the engine, from
 * its bytes ({@link RecordScorer#scorePlain}); any other by Jackson ({@link QuotedRecords}). Each
 * output row is the input row's bytes as they were, then {@code prediction} and
 * {@code probability}; the output's header line names the schema's columns when the input has
 * none ({@code header: false}). Memory stays constant: at most {@code 2 * threads} blocks are in flight.
 *
 * <p>A bundle that tells attack families apart ({@link Detector#hasFamilies()}) adds a
 * {@code family} column, and with {@code classProbabilities} one {@code probability_<class>}
 * column per class; its records are read by Jackson and scored by the class model's reference
 * walk ({@link RecordScorer#classProbabilities(RawRecord)}), the threat probability being
 * {@code 1 - p[0]} as the binary path answers it. A binary bundle's output is as before.
 *
 * <pre>{@code
 * try (InputStream in = Files.newInputStream(input); OutputStream out = Files.newOutputStream(output);
 *      CsvScoring scoring = CsvScoring.open(detector, input.toString(), in)) {
 *     CsvScoring.Totals totals = scoring.scoreTo(out, 2, null, scored -> { });
 * }
 * }</pre>
 */
public final class CsvScoring implements AutoCloseable {

    private final Detector detector;
    private final String name;
    private final InputStream in;
    private final CsvBlocks blocks;
    private final TableHeader header;
    /** Output buffers handed back once written, for the next blocks (see {@link CsvBlocks#recycle}). */
    private final ConcurrentLinkedQueue<byte[]> spareOutputs = new ConcurrentLinkedQueue<>();
    /** A family bundle's class names (benign first), else empty. */
    private final List<String> classes;
    /** A family bundle's extra cells, else null: the binary path. */
    private final ScoredRows.FamilyCells familyCells;

    /**
     * How many rows went where.
     *
     * @param families for a family bundle, the rows given each family (class names in the model's
     *                 order, the benign class first); empty for a binary bundle
     */
    public record Totals(long scored, long threats, long rejected, Map<String, Long> families) {
        public Totals {
            families = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(families));
        }

        /** The totals of a binary bundle: no families. */
        public Totals(long scored, long threats, long rejected) {
            this(scored, threats, rejected, Map.of());
        }
    }

    /** Receives rows that break the schema, in input order, on the calling thread. */
    public interface Rejects {
        void rejected(RawRecord record, DataException problem) throws IOException;
    }

    private CsvScoring(Detector detector, String name, InputStream in, boolean classProbabilities) throws IOException {
        this.detector = detector;
        this.name = name;
        this.in = in;
        this.classes = detector.classNames();
        if (classProbabilities && classes.isEmpty()) {
            throw new IllegalArgumentException("the bundle scores threat or benign only: it has no class probabilities");
        }
        this.familyCells = classes.isEmpty() ? null : ScoredRows.FamilyCells.of(classes, classProbabilities);
        boolean headerLine = detector.schema().header();
        this.blocks = new CsvBlocks(name, in, headerLine);
        List<String> names = blocks.headerNames();
        if (names.isEmpty() || (names.size() == 1 && names.get(0).isBlank())) {
            throw new DataException(name, 0, null, headerLine ? "the file is empty: a header line is required"
                    : "the file is empty");
        }
        this.header = TableHeader.ofFirstLine(name, names, detector.schema());
        header.requireColumns(detector.schema(), true); // fails here when the model's columns are missing
    }

    /**
     * Reads the header of {@code in} and matches it against the detector's schema. The stream
     * is closed with this object.
     *
     * @throws DataException when the header is missing or lacks a column the model needs
     */
    public static CsvScoring open(Detector detector, String name, InputStream in) throws IOException {
        return open(detector, name, in, false);
    }

    /**
     * As {@link #open(Detector, String, InputStream)}; with {@code classProbabilities}, a family
     * bundle's rows end with each class's probability ({@code probability_<class>} columns).
     *
     * @throws IllegalArgumentException when {@code classProbabilities} is asked of a bundle without families
     */
    public static CsvScoring open(Detector detector, String name, InputStream in, boolean classProbabilities)
            throws IOException {
        try {
            return new CsvScoring(detector, name, in, classProbabilities);
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
    }

    public TableHeader header() {
        return header;
    }

    /**
     * Writes the header and every scored row to {@code out}.
     *
     * @param threads  worker threads; 1 scores on the calling thread
     * @param rejects  where rows that break the schema go; null stops at the first one with its {@link DataException}
     * @param progress told the running count of scored rows after every block
     */
    public Totals scoreTo(OutputStream out, int threads, Rejects rejects, LongConsumer progress) throws IOException {
        out.write(headerLine());
        ScoredRows.Labels labels = new ScoredRows.Labels(detector.predictionOf(1).label(), detector.predictionOf(0).label());
        long[] totals = new long[3 + classes.size()];
        long firstRow = 1;
        boolean keepRejects = rejects != null;
        if (threads <= 1) {
            // On the calling thread: no pool to start and stop (a server's request, a small file).
            RecordScorer scorer = detector.recordScorer(header);
            for (CsvBlocks.Block block; (block = blocks.next(firstRow)) != null; ) {
                firstRow += block.bounds().count();
                deliver(scoreBlock(block, scorer, labels, keepRejects), out, rejects, totals);
                progress.accept(totals[0]);
            }
            return totals(totals);
        }
        ThreadLocal<RecordScorer> scorers = ThreadLocal.withInitial(() -> detector.recordScorer(header));
        ExecutorService pool = ScoringThreads.pool(threads, "netsec-csv-scoring");
        Deque<Future<ScoredBlock>> inFlight = new ArrayDeque<>();
        try {
            while (true) {
                CsvBlocks.Block block = blocks.next(firstRow);
                if (block != null) {
                    firstRow += block.bounds().count();
                    inFlight.add(pool.submit(() -> scoreBlock(block, scorers.get(), labels, keepRejects)));
                }
                while (!inFlight.isEmpty() && (block == null || inFlight.size() >= 2 * threads)) {
                    deliver(ScoringThreads.await(inFlight.poll()), out, rejects, totals);
                    progress.accept(totals[0]);
                }
                if (block == null) {
                    return totals(totals);
                }
            }
        } finally {
            inFlight.forEach(future -> future.cancel(true));
            pool.shutdownNow();
        }
    }

    /** The totals counted: scored, threats, rejected, then the rows of each family. */
    private Totals totals(long[] totals) {
        Map<String, Long> families = new LinkedHashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            families.put(classes.get(k), totals[3 + k]);
        }
        return new Totals(totals[0], totals[1], totals[2], families);
    }

    private byte[] headerLine() throws IOException {
        List<String> columns = new ArrayList<>(header.sourceColumns());
        columns.add("prediction");
        columns.add("probability");
        if (familyCells != null) {
            columns.add("family");
            if (familyCells.probabilities()) {
                classes.forEach(name -> columns.add("probability_" + name));
            }
        }
        return CsvOutput.line(columns).getBytes(StandardCharsets.UTF_8);
    }

    /** The output rows of a block, its rejected rows and its input buffer. */
    private record ScoredBlock(byte[] input, ScoredRows rows, List<RawRecord> rejected, List<DataException> problems) {
    }

    /** An output buffer of at least {@code size} bytes (it grows when not enough): a spare one when there is one. */
    private byte[] spareOutput(int size) {
        byte[] spare = spareOutputs.poll();
        return spare != null && spare.length >= size ? spare : new byte[size];
    }

    /**
     * On a worker: scores each record of the block and writes its output row. A blank line is
     * no record; a plain record goes to the engine with the plain records after it
     * ({@link RecordScorer#scorePlain}: up to a run of them at once, then this loop writes the
     * run's rows); a run of other records goes through Jackson.
     */
    private ScoredBlock scoreBlock(CsvBlocks.Block block, RecordScorer scorer, ScoredRows.Labels labels,
                                   boolean keepRejects) throws IOException {
        if (familyCells != null) {
            return scoreFamilyBlock(block, scorer, labels, keepRejects);
        }
        CsvRecordBounds bounds = block.bounds();
        byte[] bytes = block.bytes();
        ScoredRows output = new ScoredRows(spareOutput(block.length() + 32 * bounds.count()), labels);
        List<RawRecord> rejected = new ArrayList<>();
        List<DataException> problems = new ArrayList<>();
        double threshold = detector.threshold();
        PlainRun run = new PlainRun();
        for (int r = 0; r < bounds.count(); ) {
            if (bounds.start(r) == bounds.end(r)) {
                r++; // a blank line is no record, but keeps its row number
            } else if (bounds.plain(r)) {
                int read = scorer.scorePlain(bytes, bounds, r, bounds.count(), block.firstRow() + r, run);
                output.writeRun(bytes, bounds, r, run.scored(), run.probabilities(), threshold);
                if (run.problem() != null) {
                    reject(run.rejected(), run.problem(), keepRejects, rejected, problems);
                }
                r += read;
            } else {
                r = scoreQuoted(block, r, scorer, output, threshold, keepRejects, rejected, problems);
            }
        }
        return new ScoredBlock(bytes, output, rejected, problems);
    }

    /**
     * On a worker, for a family bundle: reads each run of records between blank lines by Jackson
     * (a class model has no plan that reads bytes) and writes each row with its family.
     */
    private ScoredBlock scoreFamilyBlock(CsvBlocks.Block block, RecordScorer scorer, ScoredRows.Labels labels,
                                         boolean keepRejects) throws IOException {
        CsvRecordBounds bounds = block.bounds();
        byte[] bytes = block.bytes();
        ScoredRows output = new ScoredRows(spareOutput(block.length() + 64 * bounds.count()), labels, familyCells);
        List<RawRecord> rejected = new ArrayList<>();
        List<DataException> problems = new ArrayList<>();
        for (int r = 0; r < bounds.count(); ) {
            if (bounds.start(r) == bounds.end(r)) {
                r++; // a blank line is no record, but keeps its row number
                continue;
            }
            int last = r;
            while (last + 1 < bounds.count() && bounds.start(last + 1) != bounds.end(last + 1)) {
                last++;
            }
            try (QuotedRecords records = new QuotedRecords(name, header, bytes, bounds, r, last)) {
                for (int i = r; i <= last; i++) {
                    RawRecord record = records.next(block.firstRow() + i);
                    FamilyScore score;
                    try {
                        score = detector.familyScoreOf(scorer.classProbabilities(record));
                    } catch (DataException problem) {
                        reject(record, problem, keepRejects, rejected, problems);
                        continue;
                    }
                    output.writeFamily(bytes, bounds.start(i), bounds.end(i), score.threat(), score.threatProbability(),
                            classes.indexOf(score.family()), score.probabilities());
                }
            }
            r = last + 1;
        }
        return new ScoredBlock(bytes, output, rejected, problems);
    }

    /** Scores the run of records from {@code first} that are not plain, by Jackson; returns the index after it. */
    private int scoreQuoted(CsvBlocks.Block block, int first, RecordScorer scorer, ScoredRows output, double threshold,
                            boolean keepRejects, List<RawRecord> rejected, List<DataException> problems)
            throws IOException {
        CsvRecordBounds bounds = block.bounds();
        int last = QuotedRecords.lastOfRun(bounds, first);
        try (QuotedRecords records = new QuotedRecords(name, header, block.bytes(), bounds, first, last)) {
            for (int r = first; r <= last; r++) {
                RawRecord record = records.next(block.firstRow() + r);
                double probability;
                try {
                    probability = scorer.probability(record);
                } catch (DataException problem) {
                    reject(record, problem, keepRejects, rejected, problems);
                    continue;
                }
                output.write(block.bytes(), bounds.start(r), bounds.end(r), probability >= threshold, probability);
            }
        }
        return last + 1;
    }

    private static void reject(RawRecord record, DataException problem, boolean keepRejects,
                               List<RawRecord> rejected, List<DataException> problems) {
        if (!keepRejects) {
            throw problem;
        }
        rejected.add(record);
        problems.add(problem);
    }

    /** On the calling thread: writes a block's rows, hands its rejects on, and its buffers back. */
    private void deliver(ScoredBlock block, OutputStream out, Rejects rejects, long[] totals) throws IOException {
        ScoredRows rows = block.rows();
        out.write(rows.bytes(), 0, rows.length());
        for (int i = 0; i < block.rejected().size(); i++) {
            rejects.rejected(block.rejected().get(i), block.problems().get(i));
        }
        totals[0] += rows.scored();
        totals[1] += rows.threats();
        totals[2] += block.rejected().size();
        long[] families = rows.familyCounts();
        for (int k = 0; k < families.length; k++) {
            totals[3 + k] += families[k];
        }
        blocks.recycle(block.input());
        spareOutputs.add(rows.bytes());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
