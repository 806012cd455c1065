package io.netsec.core;

import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RecordKeys;
import io.netsec.core.data.RowEncoder;
import io.netsec.core.data.TableHeader;
import io.netsec.core.engine.RecordScorer;
import io.netsec.core.engine.RowScorer;
import io.netsec.core.engine.ScoringEngine;
import io.netsec.core.model.ClassModel;
import io.netsec.core.model.Explanation;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.LabelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The embeddable detector: loads a verified model bundle, compiles it for scoring
 * ({@link ScoringEngine}) and scores records in-process. It needs only {@code netsec-core} on
 * the class path. Thread-safe.
 *
 * <pre>{@code
 * Detector detector = Detector.load(Path.of("final_model"));
 * Prediction p = detector.score(Map.of("SSLfinal_State", -1, "URL_of_Anchor", 0, ...));
 * if (p.threat()) { ... }   // p.probability() is the threat probability
 * }</pre>
 *
 * <p>For streams: {@link #recordScorer(TableHeader)} scores raw records of one source without
 * allocating per record; {@code io.netsec.core.stream} scores CSV streams on every core
 * ({@code CsvScoring}), JSON records straight from a parser ({@code JsonRecordScorer}) and any
 * record source ({@code StreamScoring}).
 */
public final class Detector {

    private final ModelBundle bundle;
    private final DataSchema schema;
    private final double threshold;
    private final String threatLabel;
    private final String benignLabel;
    private final ScoringEngine engine;

    private Detector(ModelBundle bundle) {
        this.bundle = bundle;
        this.schema = bundle.schema().schema();
        this.threshold = bundle.manifest().threshold().value();
        this.threatLabel = schema.label().nameOf(LabelSpec.LabelClass.THREAT);
        this.benignLabel = schema.label().nameOf(LabelSpec.LabelClass.BENIGN);
        this.engine = ScoringEngine.compile(RowEncoder.frozen(schema, bundle.manifest().vocabularies()),
                bundle.manifest().transform(), bundle.model());
    }

    /**
     * Loads the bundle in {@code folder}, verifying its checksums and format.
     *
     * @throws io.netsec.core.bundle.BundleException when the bundle is missing, corrupt or tampered with
     */
    public static Detector load(Path folder) {
        return new Detector(ModelBundle.load(folder));
    }

    /** A detector over a bundle already in memory. */
    public static Detector of(ModelBundle bundle) {
        return new Detector(bundle);
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public DataSchema schema() {
        return schema;
    }

    /** The bundle compiled for scoring: what the stream drivers score with. */
    public ScoringEngine engine() {
        return engine;
    }

    /** The threat probability at or above which a record is called a threat. */
    public double threshold() {
        return threshold;
    }

    /**
     * Scores one record given as column name to value (numbers, strings, or null for missing).
     * Names match the schema's column names or aliases, ignoring case; columns the model does
     * not use are ignored. A value is read as the cell it stands for in a CSV file
     * ({@link io.netsec.core.data.CellValue}): {@code 1.0} as {@code 1}, {@code "12.5"} as 12.5.
     *
     * @throws DataException naming the column when a value breaks the schema
     */
    public Prediction score(Map<String, ?> record) {
        return predictionOf(rowOf(record, "record").probability());
    }

    /** Scores records in order; the stream is lazy, so it scores sources of any size. */
    public Stream<Prediction> scoreAll(Stream<? extends Map<String, ?>> records) {
        return records.map(this::score);
    }

    /** Scores a batch of records in order. */
    public List<Prediction> scoreAll(List<? extends Map<String, ?>> records) {
        List<Prediction> predictions = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            predictions.add(predictionOf(rowOf(records.get(i), "record " + (i + 1)).probability()));
        }
        return predictions;
    }

    /**
     * Scores one record of a bundle that tells attack families apart: each class's probability
     * and the family ({@link FamilyScore}). The record is read as {@link #score} reads it, and
     * the threat probability is what {@link #score} answers.
     *
     * <pre>{@code
     * FamilyScore s = detector.scoreFamilies(Map.of("duration", 0, "protocol_type", "tcp", ...));
     * if (s.threat()) { ... s.family() ... }   // e.g. "dos"
     * }</pre>
     *
     * @throws IllegalStateException when the bundle's model scores threat or benign only: it has
     *         no families to tell apart ({@link #hasFamilies()})
     * @throws DataException naming the column when a value breaks the schema
     */
    public FamilyScore scoreFamilies(Map<String, ?> record) {
        ClassModel classes = classModel();
        return FamilyScore.of(classes.classNames(), classes.classProbabilities(rowOf(record, "record").input()), threshold);
    }

    /** Whether the bundle's model tells attack families apart, so that {@link #scoreFamilies} answers. */
    public boolean hasFamilies() {
        return bundle.model() instanceof ClassModel;
    }

    /**
     * The class names of a bundle that tells attack families apart (the benign class first, then
     * each family, as {@link FamilyScore#classes()}); empty for a bundle that scores threat or benign only.
     */
    public List<String> classNames() {
        return bundle.model() instanceof ClassModel classes ? classes.classNames() : List.of();
    }

    /**
     * The family score of class probabilities computed elsewhere (a stream driver's
     * {@link RecordScorer#classProbabilities}), with this bundle's classes and threshold.
     *
     * @throws IllegalStateException when the bundle has no families
     * @throws IllegalArgumentException when there is not one probability per class
     */
    public FamilyScore familyScoreOf(double[] classProbabilities) {
        return FamilyScore.of(classModel().classNames(), classProbabilities, threshold);
    }

    private ClassModel classModel() {
        if (!(bundle.model() instanceof ClassModel classes)) {
            throw new IllegalStateException("this bundle has no families: its model scores threat or benign only"
                    + " (train it with a schema whose label has families); use score()");
        }
        return classes;
    }

    /** The prediction for a threat probability, with the bundle's threshold and label names. */
    public Prediction predictionOf(double probability) {
        boolean threat = probability >= threshold;
        return new Prediction(threat ? threatLabel : benignLabel, probability, threat);
    }

    /**
     * Each model input's contribution to the record's raw score (a margin for boosted trees and
     * linear models, an averaged probability for forests); {@code bias} plus the contributions
     * gives the raw score.
     */
    public ExplainedPrediction explain(Map<String, ?> record) {
        RowScorer row = rowOf(record, "record");
        Explanation explanation = bundle.model().explain(row.input());
        List<String> names = bundle.manifest().model().featureNames();
        Map<String, Double> contributions = new LinkedHashMap<>();
        double[] values = explanation.contributions();
        for (int i = 0; i < values.length; i++) {
            contributions.put(names.get(i), values[i]);
        }
        return new ExplainedPrediction(predictionOf(row.probability()), explanation.rawScore(), explanation.bias(),
                contributions);
    }

    /**
     * A scorer for the records of one source, the fast path for files and streams (one per
     * thread: it reuses its buffers).
     *
     * @throws DataException when the header lacks a feature column
     */
    public RecordScorer recordScorer(TableHeader header) {
        header.requireColumns(schema, true);
        return engine.recordScorer(header);
    }

    /**
     * A scorer for the records of one source.
     *
     * @deprecated use {@link #recordScorer(TableHeader)}, which returns the engine's scorer
     *             ({@code io.netsec.core.engine.RecordScorer}) of the same records
     */
    @Deprecated(forRemoval = true)
    @SuppressWarnings("removal")
    public io.netsec.core.RecordScorer scorer(TableHeader header) {
        return new io.netsec.core.RecordScorer(recordScorer(header));
    }

    /**
     * A scorer of JSON records read straight from a parser.
     *
     * @deprecated use {@code io.netsec.core.stream.JsonRecordScorer.of(detector)}
     */
    @Deprecated(forRemoval = true)
    @SuppressWarnings("removal")
    public io.netsec.core.JsonRecordScorer jsonScorer() {
        return new io.netsec.core.JsonRecordScorer(io.netsec.core.stream.JsonRecordScorer.of(this));
    }

    /** The record's features set in a fresh row scorer (a detector is shared by threads). */
    private RowScorer rowOf(Map<String, ?> record, String source) {
        RecordKeys keys = engine.keys();
        RowScorer row = engine.rowScorer();
        Object[] byKey = keys.collect(record);
        for (int f = 0; f < row.features(); f++) {
            row.setValue(f, keys.valueOf(f, byKey), source);
        }
        return row;
    }

    /**
     * A prediction with its explanation.
     *
     * @param prediction    the prediction
     * @param rawScore      the score before the link function
     * @param bias          the part of the raw score every record gets
     * @param contributions each model input's share of the rest, by input name
     */
    public record ExplainedPrediction(Prediction prediction, double rawScore, double bias, Map<String, Double> contributions) {
    }
}
