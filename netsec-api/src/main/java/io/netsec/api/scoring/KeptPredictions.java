package io.netsec.api.scoring;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.netsec.core.Detector;
import io.netsec.core.Prediction;
import io.netsec.core.data.CsvOutput;
import io.netsec.core.data.CsvRecordBounds;
import io.netsec.core.data.TableHeader;
import io.netsec.core.schema.LabelSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * One upload's predictions, scored once and kept on disk for its pages and its download: each
 * row's cells as uploaded (its CSV record's bytes, one record a line, in {@code records}) and
 * its probability and threat flag (nine bytes a row, in {@code predictions}; eleven with the
 * family's class index, for a model that tells attack families apart). An upload may be
 * as large as the upload limit and twenty are kept, so nothing of a row stays on the heap; only
 * where every {@value #STRIDE}th row begins, so that a page is read without the rows before it.
 * Written by {@link Writer}, read by {@link #read}.
 */
public final class KeptPredictions {

    /** Rows between two kept offsets: 1,000 offsets for a million rows. */
    static final int STRIDE = 1024;
    private static final int PREDICTION_BYTES = Double.BYTES + 1;
    /** A family bundle's row also keeps its family's class index. */
    private static final int FAMILY_PREDICTION_BYTES = PREDICTION_BYTES + Short.BYTES;
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private final Path records;
    private final Path predictions;
    private final List<String> columns;
    private final String threatLabel;
    private final String benignLabel;
    /** A family bundle's class names (the benign class first), else empty. */
    private final List<String> classes;
    private final long rows;
    private final long[] offsets;

    private KeptPredictions(Writer writer) {
        this.records = writer.records;
        this.predictions = writer.predictions;
        this.columns = List.copyOf(writer.header.sourceColumns());
        LabelSpec label = writer.detector.schema().label();
        this.threatLabel = label.nameOf(LabelSpec.LabelClass.THREAT);
        this.benignLabel = label.nameOf(LabelSpec.LabelClass.BENIGN);
        this.classes = writer.detector.classNames();
        this.rows = writer.rows;
        this.offsets = Arrays.copyOf(writer.offsets, (int) ((rows + STRIDE - 1) / STRIDE));
    }

    /** A writer of the two files, which must not exist yet; nothing is created before {@link Writer#open}. */
    public static Writer writer(Path records, Path predictions) {
        return new Writer(records, predictions);
    }

    /** The uploaded columns, in the file's order. */
    public List<String> columns() {
        return columns;
    }

    /** Whether the rows were scored by a model that tells attack families apart, and keep their family. */
    public boolean hasFamilies() {
        return !classes.isEmpty();
    }

    /** The rows scored. */
    public long rows() {
        return rows;
    }

    /** The rows from {@code first} (0-based) to the last, in order. */
    public Reader read(long first) throws IOException {
        return new Reader(Math.max(0, Math.min(first, rows)));
    }

    /** Removes the files (a reader already open keeps reading them). */
    public void delete() throws IOException {
        Files.deleteIfExists(records);
        Files.deleteIfExists(predictions);
    }

    /** Reads kept rows in order; each file is read from where the first row is, not from its start. */
    public final class Reader implements AutoCloseable {

        private final MappingIterator<String[]> cells;
        private final DataInputStream scores;
        private long number;

        private Reader(long first) throws IOException {
            InputStream text = Files.newInputStream(records);
            InputStream binary = null;
            try {
                int stride = (int) (first / STRIDE);
                text.skipNBytes(stride < offsets.length ? offsets[stride] : 0); // a seek: a file channel's stream
                binary = Files.newInputStream(predictions);
                binary.skipNBytes(first * (hasFamilies() ? FAMILY_PREDICTION_BYTES : PREDICTION_BYTES));
                this.scores = new DataInputStream(new BufferedInputStream(binary, 1 << 16));
                this.cells = CSV.readerFor(String[].class).readValues(
                        new InputStreamReader(new BufferedInputStream(text, 1 << 16), StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                text.close();
                if (binary != null) {
                    binary.close();
                }
                throw e;
            }
            for (number = (long) (first / STRIDE) * STRIDE; number < first; number++) {
                cells.nextValue();
            }
        }

        /** The next row, or null after the last. */
        public ScoredRow next() throws IOException {
            if (number == rows) {
                return null;
            }
            if (!cells.hasNextValue()) {
                throw new IllegalStateException("the kept rows end at row " + number + " of " + rows);
            }
            String[] row = cells.nextValue();
            double probability = scores.readDouble();
            boolean threat = scores.readBoolean();
            String family = hasFamilies() ? classes.get(scores.readShort()) : null;
            number++;
            return new ScoredRow(number, new Prediction(threat ? threatLabel : benignLabel, probability, threat), family,
                    Arrays.asList(row));
        }

        @Override
        public void close() throws IOException {
            try (scores) {
                cells.close();
            }
        }
    }

    /**
     * Takes the scored CSV that {@link io.netsec.core.stream.CsvScoring} writes (its header, then each
     * input row's bytes followed by the row's label and probability) and keeps each row's input
     * bytes and typed prediction. The driver's public API hands out only those bytes, so each
     * row's end is read back: {@link CsvRecordBounds} finds the records as the driver found them,
     * the probability is the text after the last comma ({@link Double#toString}, which parses back
     * to the same double), and the label before it must be the one the model gives that
     * probability, else the driver's format changed and this fails (a 500, not a wrong page). A
     * family bundle's row ends in its family, one of the classes' cells, before which the rest is read so.
     */
    public static final class Writer extends OutputStream {

        private final Path records;
        private final Path predictions;
        private final CsvRecordBounds bounds = new CsvRecordBounds();
        private Detector detector;
        private TableHeader header;
        private byte[] threatCell;
        private byte[] benignCell;
        /** A family bundle's class cells, as the driver writes them; empty for a binary bundle. */
        private byte[][] classCells = new byte[0][];
        private OutputStream recordOut;
        private DataOutputStream predictionOut;
        private byte[] pending = new byte[1 << 16];
        private int pendingLength;
        private boolean headerSeen;
        private long rows;
        private long recordBytes;
        private long[] offsets = new long[16];
        private boolean closed;

        private Writer(Path records, Path predictions) {
            this.records = records;
            this.predictions = predictions;
        }

        /** Creates the files for the rows {@code detector} scores under {@code header}; returns this. */
        public OutputStream open(Detector detector, TableHeader header) throws IOException {
            this.detector = detector;
            this.header = header;
            LabelSpec label = detector.schema().label();
            this.threatCell = cell(label.nameOf(LabelSpec.LabelClass.THREAT));
            this.benignCell = cell(label.nameOf(LabelSpec.LabelClass.BENIGN));
            List<String> classes = detector.classNames();
            this.classCells = new byte[classes.size()][];
            for (int k = 0; k < classCells.length; k++) {
                classCells[k] = cell(classes.get(k));
            }
            this.recordOut = new BufferedOutputStream(Files.newOutputStream(records, StandardOpenOption.CREATE_NEW), 1 << 16);
            this.predictionOut = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(predictions, StandardOpenOption.CREATE_NEW), 1 << 16));
            return this;
        }

        /** A label as the driver writes it: quoted only if it must be. */
        private static byte[] cell(String label) throws IOException {
            String line = CsvOutput.line(List.of(label));
            return line.substring(0, line.length() - 1).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (pendingLength == 0) {
                // the usual case: the driver writes whole blocks of rows, read where they are
                int cut = take(bytes, offset, offset + length, false);
                keep(bytes, cut, offset + length);
                return;
            }
            keep(bytes, offset, offset + length);
            int cut = take(pending, 0, pendingLength, false);
            pendingLength -= cut;
            System.arraycopy(pending, cut, pending, 0, pendingLength);
        }

        /** Appends {@code bytes[from, to)} to the bytes of a row not yet complete. */
        private void keep(byte[] bytes, int from, int to) {
            if (pendingLength + to - from > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(2 * pending.length, pendingLength + to - from));
            }
            System.arraycopy(bytes, from, pending, pendingLength, to - from);
            pendingLength += to - from;
        }

        /** Keeps every complete record of {@code bytes[from, to)}; returns where the rest begins. */
        private int take(byte[] bytes, int from, int to, boolean end) throws IOException {
            int cut = bounds.scan(bytes, from, to, end);
            for (int i = 0; i < bounds.count(); i++) {
                if (headerSeen) {
                    row(bytes, bounds.start(i), bounds.end(i));
                } else {
                    headerSeen = true; // the columns are the header's, typed
                }
            }
            return cut;
        }

        private void row(byte[] bytes, int start, int end) throws IOException {
            int family = -1;
            for (int k = 0; k < classCells.length && family < 0; k++) {
                int at = end - classCells[k].length;
                if (at > start && bytes[at - 1] == ',' && Arrays.equals(bytes, at, end, classCells[k], 0, classCells[k].length)) {
                    family = k;
                    end = at - 1; // the rest is read as a binary bundle's row
                }
            }
            if (classCells.length > 0 && family < 0) {
                throw new IllegalStateException("scored row " + (rows + 1) + " does not end in a family of the model");
            }
            int comma = end - 1;
            while (comma >= start && bytes[comma] != ',') {
                comma--;
            }
            double probability = comma < start ? Double.NaN
                    : Double.parseDouble(new String(bytes, comma + 1, end - comma - 1, StandardCharsets.ISO_8859_1));
            boolean threat = detector.predictionOf(probability).threat();
            byte[] label = threat ? threatCell : benignCell;
            int labelStart = comma - label.length;
            if (labelStart <= start || bytes[labelStart - 1] != ','
                    || !Arrays.equals(bytes, labelStart, comma, label, 0, label.length)) {
                throw new IllegalStateException("scored row " + (rows + 1) + " does not end in its label and probability");
            }
            if (rows % STRIDE == 0) {
                int stride = (int) (rows / STRIDE);
                if (stride == offsets.length) {
                    offsets = Arrays.copyOf(offsets, 2 * stride);
                }
                offsets[stride] = recordBytes;
            }
            recordOut.write(bytes, start, labelStart - 1 - start);
            recordOut.write('\n');
            recordBytes += labelStart - start;
            predictionOut.writeDouble(probability);
            predictionOut.writeBoolean(threat);
            if (family >= 0) {
                predictionOut.writeShort(family);
            }
            rows++;
        }

        /** Ends the files; a scored CSV that stops inside a row is refused. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (OutputStream r = recordOut; OutputStream p = predictionOut) {
                if (pendingLength > 0) {
                    throw new IllegalStateException("the scored CSV ends inside row " + (rows + 1));
                }
            }
        }

        /** What was kept, once the scored CSV is written and this is closed. */
        public KeptPredictions kept() {
            if (!closed || detector == null) {
                throw new IllegalStateException("nothing kept yet");
            }
            return new KeptPredictions(this);
        }

        /** Removes what was written (after a failure). */
        public void discard() throws IOException {
            try {
                close();
            } finally {
                Files.deleteIfExists(records);
                Files.deleteIfExists(predictions);
            }
        }
    }
}
