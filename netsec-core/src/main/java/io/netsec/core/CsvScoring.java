package io.netsec.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import io.netsec.core.data.CsvOutput;
import io.netsec.core.data.CsvRecordBounds;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.TableHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Scores a CSV stream into a CSV stream on every core: the file is cut into blocks at record
 * ends ({@link CsvRecordBounds}), and each block is parsed by Jackson, scored and formatted by
 * a worker thread; the calling thread only reads and writes bytes, in input order. Each output
 * row is the input row's bytes as they were, then {@code prediction} and {@code probability}.
 * Memory stays constant: at most {@code 2 * threads} blocks are in flight.
 *
 * <pre>{@code
 * try (InputStream in = Files.newInputStream(input); OutputStream out = Files.newOutputStream(output);
 *      CsvScoring scoring = CsvScoring.open(detector, input.toString(), in)) {
 *     CsvScoring.Totals totals = scoring.scoreTo(out, 2, null, scored -> { });
 * }
 * }</pre>
 */
public final class CsvScoring implements AutoCloseable {

    /** Bytes a block grows to: about 14,000 rows of the phishing data, enough to amortise a hand-off. */
    static final int BLOCK = 1 << 20;
    /**
     * The first block's size; each next one is twice the last, up to {@link #BLOCK}. On a cold
     * JVM the reading thread scans the first block in the interpreter (some 40 ms for a whole
     * {@link #BLOCK}) while the workers wait: small first blocks start them sooner.
     */
    static final int FIRST_BLOCK = 32 << 10;
    /** A single record longer than this is refused rather than buffered without bound. */
    static final int MAX_RECORD = 64 << 20;
    /**
     * Bytes past the last record of every block, never read into: {@link ConditionCodes} reads
     * a short record's whole window and eight bytes more, and a last record without them would
     * leave that path (a rare branch the JIT then recompiles, mid-run).
     */
    static final int SLACK = ConditionCodes.WINDOW + Long.BYTES;

    private static final CsvFactory CSV = new CsvFactory();

    private final Detector detector;
    private final String name;
    private final InputStream in;
    private final TableHeader header;
    private byte[] pending;
    /**
     * Block and output buffers handed back once written, for the next blocks: a megabyte array
     * is a humongous object to G1 (allocated zeroed, in regions of its own, and each one started
     * a concurrent cycle), and a run needs only as many as are in flight.
     */
    private final java.util.ArrayDeque<byte[]> spareInputs = new java.util.ArrayDeque<>();
    private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> spareOutputs = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private int pendingLength;
    /**
     * How many bytes the next block reads, from {@link #FIRST_BLOCK} up to {@link #BLOCK}; a
     * record longer than that grows its own block only, so memory stays bounded after it.
     */
    private int blockSize = FIRST_BLOCK;
    private boolean endOfInput;
    /** The row number of the first record in {@code pending} (0: the header), for messages. */
    private long pendingRow;

    /** How many rows went where. */
    public record Totals(long scored, long threats, long rejected) {
    }

    /** Receives rows that break the schema, in input order, on the calling thread. */
    public interface Rejects {
        void rejected(RawRecord record, DataException problem) throws IOException;
    }

    private CsvScoring(Detector detector, String name, InputStream in) throws IOException {
        this.detector = detector;
        this.name = name;
        this.in = in;
        this.pending = new byte[BLOCK + SLACK];
        fill();
        int offset = skipByteOrderMark();
        CsvRecordBounds bounds = new CsvRecordBounds();
        int cut;
        while ((cut = bounds.scan(pending, offset, pendingLength, endOfInput)) == offset && !endOfInput) {
            fill();
        }
        List<String> names = bounds.count() == 0 ? List.of() : cellsOf(new String(pending, offset,
                bounds.end(0) - offset, StandardCharsets.UTF_8));
        if (names.isEmpty() || (names.size() == 1 && names.get(0).isBlank())) {
            throw new DataException(name, 0, null, "the file is empty: a header line is required");
        }
        this.header = TableHeader.match(name, names, detector.schema());
        detector.scorer(header); // fails here when the model's columns are missing
        consume(bounds.count() > 1 ? bounds.start(1) : cut);
    }

    /**
     * Reads the header of {@code in} and matches it against the detector's schema. The stream
     * is closed with this object.
     *
     * @throws DataException when the header is missing or lacks a column the model needs
     */
    public static CsvScoring open(Detector detector, String name, InputStream in) throws IOException {
        try {
            return new CsvScoring(detector, name, in);
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
        Labels labels = new Labels(detector);
        long[] totals = new long[3];
        long firstRow = 1;
        boolean keepRejects = rejects != null;
        if (threads <= 1) {
            // On the calling thread: no pool to start and stop (a server's request, a small file).
            RecordScorer scorer = detector.scorer(header);
            for (Block block; (block = nextBlock(firstRow)) != null; ) {
                firstRow += block.bounds().count();
                ScoredBlock scored = scoreBlock(block, scorer, labels, keepRejects);
                deliver(scored, out, rejects, totals);
                spareInputs.add(scored.input());
                spareOutputs.add(scored.bytes());
                progress.accept(totals[0]);
            }
            return new Totals(totals[0], totals[1], totals[2]);
        }
        ThreadLocal<RecordScorer> scorers = ThreadLocal.withInitial(() -> detector.scorer(header));
        ExecutorService pool = ScoringThreads.pool(threads, "netsec-csv-scoring");
        Deque<Future<ScoredBlock>> inFlight = new ArrayDeque<>();
        try {
            while (true) {
                Block block = nextBlock(firstRow);
                if (block != null) {
                    firstRow += block.bounds().count();
                    inFlight.add(pool.submit(() -> scoreBlock(block, scorers.get(), labels, keepRejects)));
                }
                while (!inFlight.isEmpty() && (block == null || inFlight.size() >= 2 * threads)) {
                    ScoredBlock scored = ScoringThreads.await(inFlight.poll());
                    deliver(scored, out, rejects, totals);
                    spareInputs.add(scored.input());
                    spareOutputs.add(scored.bytes());
                    progress.accept(totals[0]);
                }
                if (block == null) {
                    return new Totals(totals[0], totals[1], totals[2]);
                }
            }
        } finally {
            inFlight.forEach(future -> future.cancel(true));
            pool.shutdownNow();
        }
    }

    private byte[] headerLine() throws IOException {
        List<String> columns = new ArrayList<>(header.sourceColumns());
        columns.add("prediction");
        columns.add("probability");
        return CsvOutput.line(columns).getBytes(StandardCharsets.UTF_8);
    }

    /** A block of whole records, with where each one is, and the row number of the first. */
    private record Block(byte[] bytes, int length, CsvRecordBounds bounds, long firstRow) {
    }

    /** The output bytes of a block, its rejected rows and counts. */
    private record ScoredBlock(byte[] input, byte[] bytes, int length, long scored, long threats,
                               List<RawRecord> rejected, List<DataException> problems) {
    }

    /** The next block of whole records, or null at the end of input. */
    private Block nextBlock(long firstRow) throws IOException {
        pendingRow = firstRow;
        CsvRecordBounds bounds = new CsvRecordBounds();
        while (true) {
            int cut = bounds.scan(pending, 0, pendingLength, endOfInput);
            if (cut > 0) {
                byte[] bytes = pending;
                int length = pendingLength;
                pending = spareInput(Math.max(BLOCK, 2 * (length - cut)) + SLACK);
                pendingLength = length - cut;
                System.arraycopy(bytes, cut, pending, 0, pendingLength);
                blockSize = Math.min(BLOCK, 2 * blockSize);
                fill();
                return new Block(bytes, cut, bounds, firstRow);
            }
            if (endOfInput) {
                return null;
            }
            fill(); // one record longer than the block: grow it
        }
    }

    /** A block buffer of at least {@code size} bytes: a spare one when there is one. */
    private byte[] spareInput(int size) {
        byte[] spare = spareInputs.poll();
        return spare != null && spare.length >= size ? spare : new byte[size];
    }

    /** An output buffer of at least {@code size} bytes (it grows when not enough): a spare one when there is one. */
    private byte[] spareOutput(int size) {
        byte[] spare = spareOutputs.poll();
        return spare != null && spare.length >= size ? spare : new byte[size];
    }

    /**
     * Reads until the block is {@link #blockSize} bytes or the input ends; when it already holds
     * that much (one record longer), until twice what it holds, its buffer growing as it must.
     */
    private void fill() throws IOException {
        int limit = blockSize;
        while (pendingLength >= limit) {
            if (limit >= MAX_RECORD) {
                throw new DataException(name, pendingRow, null, "a row longer than " + (MAX_RECORD >> 20)
                        + " MB: is this a CSV file?");
            }
            limit *= 2;
        }
        if (limit + SLACK > pending.length) {
            pending = Arrays.copyOf(pending, limit + SLACK);
        }
        int read = in.readNBytes(pending, pendingLength, limit - pendingLength);
        pendingLength += read;
        endOfInput = pendingLength < limit;
    }

    private int skipByteOrderMark() {
        return pendingLength >= 3 && (pending[0] & 0xFF) == 0xEF && (pending[1] & 0xFF) == 0xBB
                && (pending[2] & 0xFF) == 0xBF ? 3 : 0;
    }

    private void consume(int cut) {
        System.arraycopy(pending, cut, pending, 0, pendingLength - cut);
        pendingLength -= cut;
    }

    /** The cells of one record, as Jackson reads them. */
    private List<String> cellsOf(String text) throws IOException {
        try (JsonParser parser = CSV.createParser(text)) {
            List<String> cells = new ArrayList<>();
            for (JsonToken token; (token = parser.nextToken()) != null && token != JsonToken.END_ARRAY; ) {
                if (token == JsonToken.VALUE_STRING) {
                    cells.add(parser.getText());
                }
            }
            return cells;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw malformed(0, e);
        }
    }

    private DataException malformed(long row, Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        return new DataException(name, row, null, "malformed CSV: " + message, e);
    }

    /** The label cells, quoted once as the output needs them. */
    private record Labels(byte[] threat, byte[] benign) {
        Labels(Detector detector) throws IOException {
            this(cell(detector.predictionOf(1).label()), cell(detector.predictionOf(0).label()));
        }

        private static byte[] cell(String label) throws IOException {
            String line = CsvOutput.line(List.of(label));
            return line.substring(0, line.length() - 1).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * On a worker: reads each record of the block, scores it and writes its output row. Runs of
     * plain records (ASCII, no quote) whose features are all small integers the model's
     * condition codes cover are scored from those bits ({@link Run}); another plain record is
     * split at its commas ({@link PlainCells}); a run of other records goes through Jackson's parser.
     */
    private ScoredBlock scoreBlock(Block block, RecordScorer scorer, Labels labels, boolean keepRejects) throws IOException {
        CsvRecordBounds bounds = block.bounds();
        byte[] bytes = block.bytes();
        Output output = new Output(spareOutput(block.length() + 32 * bounds.count()));
        List<RawRecord> rejected = new ArrayList<>();
        List<DataException> problems = new ArrayList<>();
        long[] counts = new long[2]; // scored, threats
        double threshold = detector.threshold();
        PlainCells plain = new PlainCells();
        Cells cells = new Cells(header.sourceColumns().size());
        Run run = new Run();
        for (int r = 0; r < bounds.count(); ) {
            int scored = run.score(scorer, output, bytes, bounds, r, threshold, labels, counts);
            r += scored;
            if (scored == Run.SIZE || r == bounds.count()) {
                continue; // a whole run: the next record may start another
            }
            // record r stopped the run (blank, not plain or not covered): it takes another path
            int start = bounds.start(r);
            int end = bounds.end(r);
            long row = block.firstRow() + r;
            if (start == end) {
                r++; // a blank line is no record, but keeps its row number
                continue;
            }
            if (plain.split(bytes, start, end)) {
                double probability;
                try {
                    probability = scorer.probability(row, bytes, plain);
                } catch (DataException problem) {
                    reject(new RawRecord(row, plain.texts(bytes)), problem, keepRejects, rejected, problems);
                    r++;
                    continue;
                }
                write(output, bytes, start, end, probability >= threshold, probability, labels, counts);
                r++;
                continue;
            }
            int last = r; // the run of records that are not plain (and not blank) starting here
            while (last + 1 < bounds.count() && bounds.start(last + 1) != bounds.end(last + 1)
                    && !bounds.plain(last + 1)) {
                last++;
            }
            String text = new String(bytes, start, bounds.end(last) - start, StandardCharsets.UTF_8);
            boolean notUtf8 = text.indexOf('\uFFFD') >= 0;
            try (JsonParser parser = CSV.createParser(text)) {
                for (; r <= last; r++) {
                    row = block.firstRow() + r;
                    readRecord(parser, cells, row);
                    RawRecord record = new RawRecord(row, cells.toArray());
                    if (notUtf8) {
                        requireUtf8(record); // the file's encoding is wrong, not this row: no reject
                    }
                    double probability;
                    try {
                        probability = scorer.probability(record);
                    } catch (DataException problem) {
                        reject(record, problem, keepRejects, rejected, problems);
                        continue;
                    }
                    write(output, bytes, bounds.start(r), bounds.end(r), probability >= threshold, probability, labels, counts);
                }
            }
        }
        return new ScoredBlock(bytes, output.bytes, output.length, counts[0], counts[1], rejected, problems);
    }

    /**
     * Runs of records scored from their condition bits ({@link RecordScorer#conditionBitsOfRun}),
     * up to {@value #SIZE} at a time, in three loops: every record's bits, then every
     * probability, then every output row. One loop over the block doing all three was a nest
     * the JIT compiled once per method it spans (the tree sum inlined into each caller's
     * compile, on-stack and normal): in a million-row run those compiles were a fifth of the
     * compilers' CPU, and the loop ran interpreted or in C1's profiling code until the
     * outermost one was done.
     */
    private static final class Run {
        private static final int SIZE = 512;
        private final long[] met = new long[SIZE];
        private final double[] probabilities = new double[SIZE];

        /** Scores and writes the run of records from {@code first}; returns how many (0: record {@code first} takes another path). */
        int score(RecordScorer scorer, Output output, byte[] bytes, CsvRecordBounds bounds, int first, double threshold,
                  Labels labels, long[] counts) {
            int count = scorer.conditionBitsOfRun(bytes, bounds, first, Math.min(bounds.count(), first + SIZE), met);
            if (count > 0) {
                scorer.probabilitiesOfConditions(met, count, probabilities);
                writeRun(output, bytes, bounds, first, count, probabilities, threshold, labels, counts);
            }
            return count;
        }
    }

    private static void writeRun(Output output, byte[] bytes, CsvRecordBounds bounds, int first, int count,
                                 double[] probabilities, double threshold, Labels labels, long[] counts) {
        for (int i = 0; i < count; i++) {
            double probability = probabilities[i];
            write(output, bytes, bounds.start(first + i), bounds.end(first + i), probability >= threshold, probability,
                    labels, counts);
        }
    }

    private static void reject(RawRecord record, DataException problem, boolean keepRejects,
                               List<RawRecord> rejected, List<DataException> problems) {
        if (!keepRejects) {
            throw problem;
        }
        rejected.add(record);
        problems.add(problem);
    }

    /** One output row: the input row's bytes, the label, the probability. */
    private static void write(Output output, byte[] bytes, int start, int end, boolean threat, double probability,
                              Labels labels, long[] counts) {
        output.write(bytes, start, end);
        output.cell(threat ? labels.threat() : labels.benign());
        output.probability(probability);
        counts[0]++;
        if (threat) {
            counts[1]++;
        }
    }

    /** One record's cells as Jackson reads them, in a buffer reused across records. */
    private static final class Cells {
        private String[] cells;
        private int count;

        Cells(int expected) {
            cells = new String[Math.max(1, expected)];
        }

        void clear() {
            count = 0;
        }

        void add(String cell) {
            if (count == cells.length) {
                cells = Arrays.copyOf(cells, 2 * count);
            }
            cells[count++] = cell;
        }

        String[] toArray() {
            return Arrays.copyOf(cells, count);
        }
    }

    private void readRecord(JsonParser parser, Cells cells, long row) throws IOException {
        cells.clear();
        try {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_ARRAY) {
                throw new IllegalStateException("the CSV blocks lost step with Jackson at row " + row);
            }
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                cells.add(parser.getText());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw malformed(row, e);
        }
    }

    private void requireUtf8(RawRecord record) {
        String[] cells = record.cells();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i].indexOf('\uFFFD') >= 0) {
                String column = i < header.sourceColumns().size() ? header.sourceColumns().get(i) : null;
                throw new DataException(name, record.row(), column, "bytes that are not UTF-8 (save the file as UTF-8)");
            }
        }
    }

    private static void deliver(ScoredBlock block, OutputStream out, Rejects rejects, long[] totals) throws IOException {
        out.write(block.bytes(), 0, block.length());
        for (int i = 0; i < block.rejected().size(); i++) {
            rejects.rejected(block.rejected().get(i), block.problems().get(i));
        }
        totals[0] += block.scored();
        totals[1] += block.threats();
        totals[2] += block.rejected().size();
    }

    /** A growable byte buffer for one block's output rows. */
    private static final class Output {
        private final StringBuilder number = new StringBuilder(32);
        private byte[] bytes;
        private int length;

        Output(byte[] buffer) {
            bytes = buffer;
        }

        void write(byte[] source, int from, int to) {
            ensure(to - from);
            System.arraycopy(source, from, bytes, length, to - from);
            length += to - from;
        }

        void cell(byte[] cell) {
            ensure(cell.length + 1);
            bytes[length++] = ',';
            System.arraycopy(cell, 0, bytes, length, cell.length);
            length += cell.length;
        }

        void probability(double probability) {
            // Double.toString's text, written into a reused builder: no String made per row (half the cost)
            StringBuilder text = number;
            text.setLength(0);
            text.append(probability);
            int digits = text.length();
            ensure(digits + 2);
            bytes[length++] = ',';
            for (int i = 0; i < digits; i++) {
                bytes[length++] = (byte) text.charAt(i); // digits, '.', 'E', '-': ASCII
            }
            bytes[length++] = '\n';
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
