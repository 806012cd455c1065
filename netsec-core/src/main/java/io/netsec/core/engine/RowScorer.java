package io.netsec.core.engine;

import io.netsec.core.data.CellProblem;
import io.netsec.core.data.CellValue;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RowEncoder;
import io.netsec.core.transform.FittedTransform;

/**
 * One record's feature values, set one feature at a time through the encoder (the one
 * definition of how a cell becomes a value), then transformed and scored by the compiled model.
 * Not thread-safe (it reuses its buffers): one per thread, from {@link ScoringEngine#rowScorer()}.
 * Every feature must be set before {@link #probability()}.
 *
 * <pre>{@code
 * RowScorer row = engine.rowScorer();
 * row.setValue(0, 900, "record 1");       // feature 0 of the schema's features
 * row.setValue(1, "tcp", "record 1");
 * double p = row.probability();
 * }</pre>
 */
public final class RowScorer {

    private final RowEncoder encoder;
    private final FittedTransform transform;
    private final CompiledModel model;
    private final double[] raw;
    private final double[] input;
    private final CompiledModel.Scratch scratch;

    RowScorer(RowEncoder encoder, FittedTransform transform, CompiledModel model) {
        this.encoder = encoder;
        this.transform = transform;
        this.model = model;
        this.raw = new double[encoder.features().size()];
        this.input = new double[transform.outputWidth()];
        this.scratch = model.newScratch();
    }

    /** How many features a record has. */
    public int features() {
        return raw.length;
    }

    /** The name of feature {@code feature}, as messages name its column. */
    public String featureName(int feature) {
        return encoder.features().get(feature).name();
    }

    /** Sets a feature from its cell's text ({@link RowEncoder#encodeCell}); the problem, or {@link CellProblem#NONE}. */
    public CellProblem setCell(int feature, String cell) {
        return encoder.encodeCell(feature, cell, raw);
    }

    /** Sets a feature from an integer ({@link RowEncoder#encodeInteger}). */
    public CellProblem setInteger(int feature, long value) {
        return encoder.encodeInteger(feature, value, raw);
    }

    /** Sets a feature from a value ({@link RowEncoder#encodeValue}: the cell {@link CellValue} says it stands for). */
    public CellProblem setValue(int feature, Object value) {
        return encoder.encodeValue(feature, value, raw);
    }

    /** Sets a feature from a plain ASCII cell's bytes ({@link RowEncoder#encodeAscii}). */
    CellProblem setAscii(int feature, byte[] bytes, int from, int to) {
        return encoder.encodeAscii(feature, bytes, from, to, raw);
    }

    /**
     * As {@link #setValue(int, Object)} for a record given by names (a map, a JSON object), whose
     * problem names {@code source} and the column, and quotes the cell unless it is missing.
     *
     * @throws DataException when the value breaks the schema
     */
    public void setValue(int feature, Object value, String source) {
        CellProblem problem = setValue(feature, value);
        if (problem != CellProblem.NONE) {
            String cell = CellValue.textOf(value);
            throw new DataException(source, -1, featureName(feature),
                    cell == null ? problem.description() : RowEncoder.describe(problem, cell));
        }
    }

    /** As {@link #setValue(int, Object, String)} for an integer. */
    public void setInteger(int feature, long value, String source) {
        CellProblem problem = setInteger(feature, value);
        if (problem != CellProblem.NONE) {
            throw new DataException(source, -1, featureName(feature), RowEncoder.describe(problem, Long.toString(value)));
        }
    }

    /** The model input of the features set: the fitted transformation of their values. */
    public double[] input() {
        transform.apply(raw, input);
        return input.clone();
    }

    /** This scorer's buffers, for the plans of the same thread. */
    CompiledModel.Scratch scratch() {
        return scratch;
    }

    /** The threat probability of the features set. */
    public double probability() {
        transform.apply(raw, input);
        return model.probability(input, scratch);
    }

    /**
     * Each class's probability for the features set, in the class model's order (the benign class
     * first): its reference walk, whose {@code 1 - p[0]} is what {@link #probability()} answers.
     *
     * @throws IllegalStateException when the model scores threat or benign only (no classes)
     */
    public double[] classProbabilities() {
        if (!(model.model() instanceof io.netsec.core.model.ClassModel classes)) {
            throw new IllegalStateException("the model scores threat or benign only: it has no class probabilities");
        }
        transform.apply(raw, input);
        return classes.classProbabilities(input);
    }
}
