package io.netsec.core;

import io.netsec.core.data.CellProblem;
import io.netsec.core.data.DataException;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RowEncoder;
import io.netsec.core.data.TableHeader;
import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import io.netsec.core.transform.FittedTransform;

/**
 * Scores raw records of one source (one header) without allocating per record: the fast path
 * for files and streams. Not thread-safe (it reuses buffers); take one per thread from
 * {@link Detector#scorer(TableHeader)}.
 */
public final class RecordScorer {

    private final String source;
    private final TableHeader header;
    private final RowEncoder encoder;
    private final FittedTransform transform;
    private final PortableModel model;
    private final int[] featureSource;
    private final double[] raw;
    private final double[] input;
    /** The tree walk's buffers (null for other models), so scoring allocates nothing per record. */
    private final TreeEnsemble.Scratch scratch;
    /** The condition-bit path for rows of small integers, or null. */
    private final ConditionCodes codes;

    RecordScorer(TableHeader header, RowEncoder encoder, FittedTransform transform, PortableModel model,
                 ConditionCodes codes) {
        this.source = header.source();
        this.header = header;
        this.encoder = encoder;
        this.transform = transform;
        this.model = model;
        int features = encoder.features().size();
        this.featureSource = new int[features];
        for (int f = 0; f < features; f++) {
            featureSource[f] = header.sourceIndex(encoder.schemaIndexOfFeature(f));
        }
        this.raw = new double[features];
        this.input = new double[transform.outputWidth()];
        this.scratch = model instanceof TreeEnsemble trees ? trees.newScratch() : null;
        this.codes = codes;
        this.cellFeature = new int[header.sourceColumns().size()];
        java.util.Arrays.fill(cellFeature, -1);
        for (int f = 0; f < features; f++) {
            cellFeature[featureSource[f]] = f;
        }
    }

    /** Per cell of a source row: the feature it holds, or -1. */
    private final int[] cellFeature;

    /**
     * The condition bits of the plain record {@code bytes[from, to)} when the model and schema
     * allow scoring from them and every feature cell is a covered integer, else
     * {@link ConditionCodes#NOT_COVERED}: then {@link #probability(long, byte[], PlainCells)}
     * scores it (and names any problem).
     */
    long conditionBits(byte[] bytes, int from, int to) {
        return codes == null ? ConditionCodes.NOT_COVERED : codes.met(bytes, from, to, cellFeature, cellFeature.length);
    }

    /**
     * {@link #conditionBits} of records {@code first} to at most {@code limit - 1} of
     * {@code bounds} into {@code met}, stopping before the first that is blank, not plain or
     * not covered; returns how many.
     */
    int conditionBitsOfRun(byte[] bytes, io.netsec.core.data.CsvRecordBounds bounds, int first, int limit, long[] met) {
        return codes == null ? 0 : codes.metOfRun(bytes, bounds, first, limit, cellFeature, cellFeature.length, met);
    }

    /** The threat probabilities of rows given by their {@link #conditionBits}, several at once. */
    void probabilitiesOfConditions(long[] met, int count, double[] probabilities) {
        ((TreeEnsemble) model).threatProbabilitiesOfConditions(met, count, probabilities, scratch);
    }

    TableHeader header() {
        return header;
    }

    RowEncoder encoder() {
        return encoder;
    }

    /** Where each feature's cell is in a source row. */
    int featureSource(int feature) {
        return featureSource[feature];
    }

    /**
     * The threat probability of a row already encoded into {@code raw} (as {@link RowEncoder#encodeCell}
     * would, every cell valid); {@code raw} is this scorer's own buffer from {@link #rawBuffer()}.
     */
    double probabilityOfEncoded() {
        transform.apply(raw, input);
        return scratch != null ? ((TreeEnsemble) model).threatProbability(input, scratch) : model.threatProbability(input);
    }

    /** The buffer {@link #probabilityOfEncoded()} reads. */
    double[] rawBuffer() {
        return raw;
    }

    /**
     * As {@link #probability(RawRecord)} for a record whose cells are plain ASCII text in
     * {@code bytes} (see {@link PlainCells}): the cells a feature reads are decoded in place,
     * an integer written as {@link Long#toString} writes it without a {@code String}.
     */
    double probability(long row, byte[] bytes, PlainCells cells) {
        DatasetReader.requireWidth(source, header, row, cells.count());
        for (int f = 0; f < featureSource.length; f++) {
            int cell = featureSource[f];
            long integer = cells.canonicalInteger(cell);
            CellProblem problem;
            String text = null;
            if (integer != PlainCells.NOT_AN_INTEGER) {
                problem = encoder.encodeInteger(f, integer, raw);
            } else {
                text = cells.text(bytes, cell);
                problem = encoder.encodeCell(f, text, raw);
            }
            if (problem != CellProblem.NONE) {
                String shown = text != null ? text : Long.toString(integer);
                throw new DataException(source, row, encoder.features().get(f).name(),
                        problem.description() + ": '" + DatasetReader.abbreviate(shown) + "'");
            }
        }
        return probabilityOfEncoded();
    }

    /**
     * The threat probability of {@code record}.
     *
     * @throws DataException naming the row and column when a cell breaks the schema or the row is ragged
     */
    public double probability(RawRecord record) {
        DatasetReader.requireWidth(source, header, record);
        for (int f = 0; f < featureSource.length; f++) {
            String cell = record.cell(featureSource[f]);
            var problem = encoder.encodeCell(f, cell, raw);
            if (problem != CellProblem.NONE) {
                throw new DataException(source, record.row(), encoder.features().get(f).name(),
                        record.located(problem.description() + ": '" + DatasetReader.abbreviate(cell) + "'"));
            }
        }
        return probabilityOfEncoded();
    }
}
