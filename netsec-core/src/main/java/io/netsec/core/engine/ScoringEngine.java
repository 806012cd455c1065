package io.netsec.core.engine;

import io.netsec.core.data.RecordKeys;
import io.netsec.core.data.RowEncoder;
import io.netsec.core.data.TableHeader;
import io.netsec.core.model.PortableModel;
import io.netsec.core.transform.FittedTransform;

/**
 * Everything a loaded model bundle is compiled into for scoring: the encoder of its schema and
 * vocabularies, its fitted transformation, its model compiled by the fastest plan the data
 * allows ({@link CompiledModel}), and the plans that read CSV bytes straight through all three
 * ({@link ConditionCodes}), each made once. Callers take per-thread scorers from it and never
 * learn which plan runs. Immutable and thread-safe.
 *
 * <pre>{@code
 * ScoringEngine engine = ScoringEngine.compile(RowEncoder.frozen(schema, vocabularies), transform, model);
 * RecordScorer scorer = engine.recordScorer(header);   // one per thread
 * double p = scorer.probability(record);
 * }</pre>
 */
public final class ScoringEngine {

    private final RowEncoder encoder;
    private final FittedTransform transform;
    private final CompiledModel model;
    private final RecordKeys keys;
    /** Plain CSV rows of small integers scored from condition bits, or null when the model and schema do not allow it. */
    private final ConditionCodes codes;

    private ScoringEngine(RowEncoder encoder, FittedTransform transform, CompiledModel model) {
        this.encoder = encoder;
        this.transform = transform;
        this.model = model;
        this.keys = new RecordKeys(encoder.features());
        this.codes = ConditionCodes.of(encoder, transform, model);
    }

    /**
     * Compiles a model with the encoder (frozen: it only reads) and transformation it was trained
     * with.
     */
    public static ScoringEngine compile(RowEncoder encoder, FittedTransform transform, PortableModel model) {
        return new ScoringEngine(encoder, transform, CompiledModel.of(model));
    }

    /** The encoder: the one definition of how a cell becomes a feature value. */
    public RowEncoder encoder() {
        return encoder;
    }

    /** How the keys of a record given by names (a map, JSON) find the features. */
    public RecordKeys keys() {
        return keys;
    }

    /** The model, compiled. */
    public CompiledModel model() {
        return model;
    }

    /** A scorer of one record's feature values, for one thread. */
    public RowScorer rowScorer() {
        return new RowScorer(encoder, transform, model);
    }

    /**
     * A scorer of the records of one source, for one thread. The header must hold every feature
     * column ({@link TableHeader#requireColumns}).
     */
    public RecordScorer recordScorer(TableHeader header) {
        return new RecordScorer(header, rowScorer(), encoder, codes);
    }
}
