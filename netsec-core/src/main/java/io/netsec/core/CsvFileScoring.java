package io.netsec.core;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.netsec.core.data.CsvOutput;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.TableHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.SequenceInputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scores a CSV stream into a scored CSV stream: every input column, then {@code prediction}
 * (the label as the schema spells it) and {@code probability} (of the threat class, as
 * {@link Double#toString(double)} writes it). The output is byte for byte what reading with
 * {@link CsvRecordSource}, scoring with {@link StreamScoring} and writing with {@link CsvOutput}
 * gives, only faster.
 *
 * <p>Why it is fast: the calling thread only moves bytes (reads blocks of whole lines, writes
 * scored blocks in input order); worker threads split, encode and score plain lines straight
 * from the bytes (see {@link CsvBlockScorer}) and write each scored line as the input line plus
 * two cells, with no String per cell. From the first line that is not plain (quotes, non-ASCII,
 * control characters) on, the rest of the stream goes through the general reader and writer, so
 * any valid CSV is still read exactly as before. Memory is constant: at most
 * {@code 2 * threads} blocks are in flight.
 */
public final class CsvFileScoring {

    /** Bytes per block: whole lines, about 13,000 phishing rows. */
    static final int BLOCK = 1 << 20;

    private CsvFileScoring() {
    }

    /** Hears about rejected rows and progress, on the calling thread, in input order. */
    public interface Listener {
        /** The input's header, matched against the schema, before any row. */
        default void header(TableHeader header) throws IOException {
        }

        /** A row that breaks the schema; throw {@code problem} to stop. */
        void rejected(RawRecord record, DataException problem) throws IOException;

        /** Rows scored so far; called now and then. */
        default void progress(long scored) {
        }
    }

    /** What a run wrote: rows scored, of which threats, and rows rejected. */
    public record Counts(long scored, long threats, long rejected) {
    }

    /**
     * Scores the CSV in {@code in} (header line first, UTF-8 with or without a byte-order mark)
     * into {@code out}. Neither stream is closed; {@code out} is flushed.
     *
     * @param name    names the input in messages
     * @param threads worker threads that score (at least 1)
     * @throws DataException when the header does not match the schema, or a row breaks it and the listener rethrows
     */
    public static Counts run(Detector detector, String name, InputStream in, OutputStream out, int threads,
                             Listener listener) throws IOException {
        return new Run(detector, name, in, out, Math.max(1, threads), listener).run();
    }

    /** A block of whole lines handed to a worker, and its row number offset. */
    private record Block(byte[] bytes, int length, long rowsBefore, Future<CsvBlockScorer.Result> result) {
    }

    private static final class Run {
        private final Detector detector;
        private final String name;
        private final InputStream in;
        private final OutputStream out;
        private final int threads;
        private final Listener listener;
        private final String threatCell;
        private final String benignCell;
        private byte[] buffer = new byte[2 * BLOCK];
        private int start;
        private int end;
        private boolean eof;
        private long scored;
        private long threats;
        private long rejected;

        Run(Detector detector, String name, InputStream in, OutputStream out, int threads, Listener listener) {
            this.detector = detector;
            this.name = name;
            this.in = in;
            this.out = out;
            this.threads = threads;
            this.listener = listener;
            this.threatCell = cellText(detector.labelOf(true));
            this.benignCell = cellText(detector.labelOf(false));
        }

        /** A label as Jackson's writer writes it as a cell (quoted if it must be). */
        private static String cellText(String label) {
            String line = CsvOutput.line(List.of(label));
            return line.substring(0, line.length() - 1);
        }

        Counts run() throws IOException {
            int headerEnd = readHeaderLine();
            boolean bom = end - start >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB
                    && (buffer[2] & 0xFF) == 0xBF;
            int nameStart = bom ? 3 : 0;
            int nameEnd = headerEnd > nameStart && buffer[headerEnd - 1] == '\r' ? headerEnd - 1 : headerEnd;
            if (headerEnd < 0 || nameEnd == nameStart || !plain(buffer, nameStart, nameEnd)) {
                // Empty, quoted, non-ASCII or endless header: the general reader says what it makes of it.
                return general(CsvRecordSource.open(name, rest(List.of()), detector.schema()), true);
            }
            TableHeader header = TableHeader.match(name,
                    Arrays.asList(CsvBlockScorer.split(buffer, nameStart, nameEnd)), detector.schema());
            detector.scorer(header); // fails here when columns are missing
            listener.header(header);
            out.write(CsvOutput.line(withScoreColumns(header.sourceColumns())).getBytes(StandardCharsets.UTF_8));
            start = headerEnd + 1;

            ThreadLocal<CsvBlockScorer> scorers = ThreadLocal.withInitial(() ->
                    new CsvBlockScorer(detector.scorer(header), detector.threshold(), threatCell, benignCell));
            ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "netsec-scoring");
                thread.setDaemon(true);
                return thread;
            });
            Deque<Block> inFlight = new ArrayDeque<>();
            // The main thread's own scorer rebuilds the (rare) rejected rows with their row numbers.
            RecordScorer checker = detector.scorer(header);
            long rows = 0;
            try {
                while (true) {
                    int cut = nextCut();
                    if (cut > start) {
                        byte[] bytes = Arrays.copyOfRange(buffer, start, cut);
                        int length = cut - start;
                        start = cut;
                        inFlight.add(new Block(bytes, length, -1,
                                pool.submit(() -> scorers.get().score(bytes, length))));
                    }
                    while (!inFlight.isEmpty() && (cut < 0 || inFlight.size() >= 2 * threads)) {
                        Block block = inFlight.poll();
                        CsvBlockScorer.Result result = await(block.result());
                        deliver(block, rows, result, checker);
                        rows += result.lines();
                        if (result.stoppedAt() >= 0) {
                            // Not plain from here: hand this block's rest, the blocks behind it and
                            // the unread input to the general reader.
                            inFlight.forEach(later -> later.result().cancel(true));
                            List<InputStream> parts = new ArrayList<>();
                            parts.add(new ByteArrayInputStream(block.bytes(), result.stoppedAt(),
                                    block.length() - result.stoppedAt()));
                            for (Block later : inFlight) {
                                parts.add(new ByteArrayInputStream(later.bytes(), 0, later.length()));
                            }
                            inFlight.clear();
                            return general(CsvRecordSource.continuing(name, rest(parts), header, rows), false);
                        }
                    }
                    if (cut < 0) {
                        out.flush();
                        return new Counts(scored, threats, rejected);
                    }
                }
            } finally {
                inFlight.forEach(block -> block.result().cancel(true));
                pool.shutdownNow();
            }
        }

        /** Reads until the buffer holds the first line end; its index, or -1 when there is none in the first block. */
        private int readHeaderLine() throws IOException {
            int searched = 0;
            while (true) {
                for (int i = searched; i < end; i++) {
                    if (buffer[i] == '\n') {
                        return i;
                    }
                }
                searched = end;
                if (eof || end >= BLOCK) {
                    return -1;
                }
                fill();
            }
        }

        /**
         * Reads on until the buffer holds a block's worth of whole lines; the offset after the last
         * line end (or the end of input), or -1 when nothing is left.
         */
        private int nextCut() throws IOException {
            while (!eof && end - start < BLOCK) {
                fill();
            }
            if (start == end) {
                return -1;
            }
            if (eof) {
                return end;
            }
            for (int i = end - 1; i >= start; i--) {
                if (buffer[i] == '\n') {
                    return i + 1;
                }
            }
            // A line longer than a block: read more of it.
            while (!eof) {
                int before = end;
                fill();
                for (int i = before; i < end; i++) {
                    if (buffer[i] == '\n') {
                        return i + 1;
                    }
                }
            }
            return end;
        }

        /** Reads more input after {@code end}, moving unread bytes to the front or growing the buffer first. */
        private void fill() throws IOException {
            if (start > 0 && start == end) {
                start = end = 0;
            }
            if (end == buffer.length) {
                if (start > 0) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                } else {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                eof = true;
            } else {
                end += read;
            }
        }

        /** The given parts, then the unread bytes of the buffer, then the rest of the input. */
        private InputStream rest(List<InputStream> parts) {
            List<InputStream> all = new ArrayList<>(parts);
            all.add(new ByteArrayInputStream(buffer, start, end - start));
            all.add(new java.io.FilterInputStream(in) {
                @Override
                public void close() {
                    // the caller owns the input
                }
            });
            return new SequenceInputStream(Collections.enumeration(all));
        }

        private void deliver(Block block, long rowsBefore, CsvBlockScorer.Result result, RecordScorer checker)
                throws IOException {
            for (CsvBlockScorer.Rejected line : result.rejected()) {
                RawRecord record = new RawRecord(rowsBefore + line.lineIndex() + 1,
                        CsvBlockScorer.split(block.bytes(), line.start(), line.end()));
                try {
                    checker.probability(record);
                    throw new IllegalStateException("row " + record.row() + " was rejected once, then scored");
                } catch (DataException problem) {
                    listener.rejected(record, problem);
                    rejected++;
                }
            }
            out.write(result.out(), 0, result.outLength());
            long before = scored;
            scored += result.scored();
            threats += result.threats();
            if (scored / 1_000_000 != before / 1_000_000) {
                listener.progress(scored);
            }
        }

        /** The general path: Jackson's reader and writer over the rest of the input. */
        private Counts general(CsvRecordSource source, boolean writeHeader) throws IOException {
            if (writeHeader) {
                listener.header(source.header());
            }
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (source; SequenceWriter rows = CsvOutput.rows(writer,
                    withScoreColumns(source.header().sourceColumns()), writeHeader)) {
                StreamScoring.run(detector, source, threads, new StreamScoring.Sink() {
                    @Override
                    public void scored(RawRecord record, double probability) throws IOException {
                        Prediction prediction = detector.predictionOf(probability);
                        String[] cells = Arrays.copyOf(record.cells(), record.cells().length + 2);
                        cells[cells.length - 2] = prediction.label();
                        cells[cells.length - 1] = Double.toString(probability);
                        rows.write(cells);
                        scored++;
                        if (prediction.threat()) {
                            threats++;
                        }
                        if (scored % 1_000_000 == 0) {
                            listener.progress(scored);
                        }
                    }

                    @Override
                    public void rejected(RawRecord record, DataException problem) throws IOException {
                        listener.rejected(record, problem);
                        rejected++;
                    }
                });
            }
            writer.flush();
            return new Counts(scored, threats, rejected);
        }

        private static CsvBlockScorer.Result await(Future<CsvBlockScorer.Result> future) throws IOException {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("scoring was interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** The header of the scored output: the input's columns, then prediction and probability. */
    public static List<String> withScoreColumns(List<String> columns) {
        List<String> header = new ArrayList<>(columns);
        header.add("prediction");
        header.add("probability");
        return header;
    }

    private static boolean plain(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 || b >= 0x7F || b == '"' || b == '#') {
                return false;
            }
        }
        return true;
    }
}
