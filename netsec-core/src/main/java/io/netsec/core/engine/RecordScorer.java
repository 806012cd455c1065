package io.netsec.core.engine;

import io.netsec.core.data.CellProblem;
import io.netsec.core.data.CellValue;
import io.netsec.core.data.CsvRecordBounds;
import io.netsec.core.data.DataException;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RowEncoder;
import io.netsec.core.data.TableHeader;
import java.util.Arrays;

/**
 * Scores the records of one source (one header) without allocating per record: raw records as
 * text, rows of values, and runs of plain CSV records straight from their bytes. Every cell goes
 * through the encoder's one definition; a compiled plan reads the bytes of plain records when
 * the model and schema allow it ({@link ConditionCodes}), with the same answers. Not thread-safe
 * (it reuses buffers): one per thread, from {@link ScoringEngine#recordScorer(TableHeader)}.
 */
public final class RecordScorer {

    private final String source;
    private final TableHeader header;
    private final RowScorer row;
    /** Per feature: its cell's position in a source row. */
    private final int[] featureSource;
    /** Per cell of a source row: the feature it holds, or -1. */
    private final int[] cellFeature;
    /** The plan for plain rows of small integers, or null. */
    private final ConditionCodes codes;
    private final CompiledModel.Scratch scratch;
    private final PlainCells plain = new PlainCells();

    RecordScorer(TableHeader header, RowScorer row, RowEncoder encoder, ConditionCodes codes) {
        this.source = header.source();
        this.header = header;
        this.row = row;
        this.codes = codes;
        this.scratch = row.scratch();
        int features = encoder.features().size();
        this.featureSource = new int[features];
        for (int f = 0; f < features; f++) {
            featureSource[f] = header.sourceIndex(encoder.schemaIndexOfFeature(f));
        }
        this.cellFeature = new int[header.sourceColumns().size()];
        Arrays.fill(cellFeature, -1);
        for (int f = 0; f < features; f++) {
            cellFeature[featureSource[f]] = f;
        }
    }

    /** The header these records follow. */
    public TableHeader header() {
        return header;
    }

    /**
     * The threat probability of {@code record}, its cells as text.
     *
     * @throws DataException naming the row and column when a cell breaks the schema or the row is ragged
     */
    public double probability(RawRecord record) {
        set(record);
        return row.probability();
    }

    /**
     * Each class's probability for {@code record} (a class model's bundle only), read as
     * {@link #probability(RawRecord)} reads it: {@code 1 - p[0]} is its threat probability.
     *
     * @throws DataException naming the row and column when a cell breaks the schema or the row is ragged
     * @throws IllegalStateException when the model scores threat or benign only
     */
    public double[] classProbabilities(RawRecord record) {
        set(record);
        return row.classProbabilities();
    }

    private void set(RawRecord record) {
        DatasetReader.requireWidth(source, header, record);
        for (int f = 0; f < featureSource.length; f++) {
            String cell = record.cell(featureSource[f]);
            CellProblem problem = row.setCell(f, cell);
            if (problem != CellProblem.NONE) {
                throw new DataException(source, record.row(), row.featureName(f),
                        record.located(RowEncoder.describe(problem, cell)));
            }
        }
    }

    /**
     * The threat probability of row {@code rowNumber} given as values in source order (a Spark
     * row's fields): each encodes as the cell it stands for ({@link CellValue}), so a row scores as
     * its CSV text would.
     *
     * @throws DataException naming the row and column when a value breaks the schema or the row is ragged
     */
    public double probability(long rowNumber, Object[] values) {
        set(rowNumber, values);
        return row.probability();
    }

    /**
     * Each class's probability for row {@code rowNumber} given as values in source order (a class
     * model's bundle only), read as {@link #probability(long, Object[])} reads it.
     *
     * @throws DataException naming the row and column when a value breaks the schema or the row is ragged
     * @throws IllegalStateException when the model scores threat or benign only
     */
    public double[] classProbabilities(long rowNumber, Object[] values) {
        set(rowNumber, values);
        return row.classProbabilities();
    }

    private void set(long rowNumber, Object[] values) {
        DatasetReader.requireWidth(source, header, rowNumber, values.length);
        for (int f = 0; f < featureSource.length; f++) {
            Object value = values[featureSource[f]];
            CellProblem problem = row.setValue(f, value);
            if (problem != CellProblem.NONE) {
                throw new DataException(source, rowNumber, row.featureName(f),
                        RowEncoder.describe(problem, CellValue.textOf(value)));
            }
        }
    }

    /**
     * Scores plain records of a block from their bytes, starting at record {@code first} (plain
     * and not blank: {@link CsvRecordBounds#plain}, whose row number is {@code firstRow}), into
     * {@code run}: the run of records from there, up to {@code limit} and {@link PlainRun#SIZE},
     * that a compiled plan scores straight from their bytes, or else record {@code first} alone,
     * split at its commas and encoded cell by cell (perhaps rejected). Returns how many records it
     * read: at least one.
     *
     * <p>A run is scored in loops of its own, each over the run's records: every record's
     * condition bits, then every probability; the caller writes the output rows in a third. One
     * loop over the block doing all three was a nest the JIT compiled once per method it spans
     * (the tree sum inlined into each caller's compile, on-stack and normal): in a million-row run
     * those compiles were a fifth of the compilers' CPU, and the loop ran interpreted or in C1's
     * profiling code until the outermost one was done (BENCHMARKS.md, eighth session).
     */
    public int scorePlain(byte[] bytes, CsvRecordBounds bounds, int first, int limit, long firstRow, PlainRun run) {
        run.rejected = null;
        run.problem = null;
        int count = codes == null ? 0
                : codes.metOfRun(bytes, bounds, first, Math.min(limit, first + PlainRun.SIZE), cellFeature,
                        cellFeature.length, run.met);
        if (count > 0) {
            codes.probabilities(run.met, count, run.probabilities, scratch);
            run.scored = count;
            return count;
        }
        if (!bounds.plain(first) || bounds.start(first) == bounds.end(first)) {
            throw new IllegalArgumentException("record " + first + " of the block is not plain");
        }
        try {
            run.probabilities[0] = probabilityOfPlain(firstRow, bytes, bounds.start(first), bounds.end(first));
            run.scored = 1;
        } catch (DataException problem) {
            run.scored = 0;
            run.rejected = new RawRecord(firstRow, plain.texts(bytes));
            run.problem = problem;
        }
        return 1;
    }

    /** One plain record, split at its commas, each feature's cell encoded from its bytes. */
    private double probabilityOfPlain(long rowNumber, byte[] bytes, int from, int to) {
        plain.split(bytes, from, to);
        DatasetReader.requireWidth(source, header, rowNumber, plain.count());
        for (int f = 0; f < featureSource.length; f++) {
            int cell = featureSource[f];
            CellProblem problem = row.setAscii(f, bytes, plain.start(cell), plain.end(cell));
            if (problem != CellProblem.NONE) {
                throw new DataException(source, rowNumber, row.featureName(f),
                        RowEncoder.describe(problem, plain.text(bytes, cell)));
            }
        }
        return row.probability();
    }

    /**
     * The condition bits of the plain record {@code bytes[from, to)} when a compiled plan scores
     * it from its bytes, else {@link ConditionCodes#NOT_COVERED} (for tests of that plan).
     */
    long conditionBits(byte[] bytes, int from, int to) {
        return codes == null ? ConditionCodes.NOT_COVERED : codes.met(bytes, from, to, cellFeature, cellFeature.length);
    }
}
