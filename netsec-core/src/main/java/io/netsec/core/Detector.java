package io.netsec.core;

import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.CellProblem;
import io.netsec.core.data.DataException;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.data.RowEncoder;
import io.netsec.core.data.TableHeader;
import io.netsec.core.model.Explanation;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.LabelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The embeddable detector: loads a verified model bundle and scores records in-process. It
 * needs only {@code netsec-core} on the class path. Thread-safe.
 *
 * <pre>{@code
 * Detector detector = Detector.load(Path.of("final_model"));
 * Prediction p = detector.score(Map.of("SSLfinal_State", -1, "URL_of_Anchor", 0, ...));
 * if (p.threat()) { ... }   // p.probability() is the threat probability
 * }</pre>
 */
public final class Detector {

    private final ModelBundle bundle;
    private final DataSchema schema;
    private final RowEncoder encoder;
    private final double threshold;
    private final String threatLabel;
    private final String benignLabel;
    private final RecordKeys keys;
    /** Rows of small integers scored from condition bits, or null when the model and schema do not allow it. */
    private final ConditionCodes codes;

    private Detector(ModelBundle bundle) {
        this.bundle = bundle;
        this.schema = bundle.schema().schema();
        this.encoder = RowEncoder.frozen(schema, bundle.manifest().vocabularies());
        this.threshold = bundle.manifest().threshold().value();
        this.threatLabel = schema.label().nameOf(LabelSpec.LabelClass.THREAT);
        this.benignLabel = schema.label().nameOf(LabelSpec.LabelClass.BENIGN);
        this.keys = new RecordKeys(encoder.features());
        this.codes = ConditionCodes.of(encoder, bundle.manifest().transform(), bundle.model());
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

    /** The threat probability at or above which a record is called a threat. */
    public double threshold() {
        return threshold;
    }

    /**
     * Scores one record given as column name to value (numbers, strings, or null for missing).
     * Names match the schema's column names or aliases, ignoring case; columns the model does
     * not use are ignored.
     *
     * @throws DataException naming the column when a value breaks the schema
     */
    public Prediction score(Map<String, ?> record) {
        return predictionOf(probability(record, "record"));
    }

    /** Scores records in order; the stream is lazy, so it scores sources of any size. */
    public Stream<Prediction> scoreAll(Stream<? extends Map<String, ?>> records) {
        return records.map(this::score);
    }

    /** Scores a batch of records in order. */
    public List<Prediction> scoreAll(List<? extends Map<String, ?>> records) {
        List<Prediction> predictions = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            predictions.add(predictionOf(probability(records.get(i), "record " + (i + 1))));
        }
        return predictions;
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
        double[] input = modelInput(record, "record");
        Explanation explanation = bundle.model().explain(input);
        List<String> names = bundle.manifest().model().featureNames();
        Map<String, Double> contributions = new LinkedHashMap<>();
        double[] values = explanation.contributions();
        for (int i = 0; i < values.length; i++) {
            contributions.put(names.get(i), values[i]);
        }
        return new ExplainedPrediction(predictionOf(bundle.model().threatProbability(input)),
                explanation.rawScore(), explanation.bias(), contributions);
    }

    /** A scorer for the records of one source, the fast path for files (one per thread). */
    public RecordScorer scorer(TableHeader header) {
        header.requireColumns(schema, true);
        return new RecordScorer(header, RowEncoder.frozen(schema, bundle.manifest().vocabularies()),
                bundle.manifest().transform(), bundle.model(), codes);
    }

    private double probability(Map<String, ?> record, String source) {
        return bundle.model().threatProbability(modelInput(record, source));
    }

    private double[] modelInput(Map<String, ?> record, String source) {
        double[] raw = new double[encoder.features().size()];
        Object[] byKey = keys.collect(record);
        for (int f = 0; f < raw.length; f++) {
            encodeValue(encoder, f, keys.valueOf(f, byKey), raw, source);
        }
        return bundle.manifest().transform().apply(raw);
    }

    /** Encodes one feature's value of a record (a number, text, a boolean or null) into {@code raw[feature]}. */
    static void encodeValue(RowEncoder encoder, int feature, Object value, double[] raw, String source) {
        if (value instanceof Integer || value instanceof Long) {
            encodeInteger(encoder, feature, ((Number) value).longValue(), raw, source);
            return;
        }
        String cell = value == null ? null : value instanceof Double d && d == Math.rint(d) && !d.isInfinite()
                ? Long.toString(d.longValue()) : value.toString();
        CellProblem problem = encoder.encodeCell(feature, cell, raw);
        if (problem != CellProblem.NONE) {
            throw new DataException(source, -1, encoder.features().get(feature).name(),
                    problem.description() + (cell == null ? "" : ": '" + DatasetReader.abbreviate(cell) + "'"));
        }
    }

    /** As {@link #encodeValue} for an integer value. */
    static void encodeInteger(RowEncoder encoder, int feature, long value, double[] raw, String source) {
        CellProblem problem = encoder.encodeInteger(feature, value, raw);
        if (problem != CellProblem.NONE) {
            throw new DataException(source, -1, encoder.features().get(feature).name(),
                    problem.description() + ": '" + value + "'");
        }
    }

    /**
     * A scorer of JSON records read straight from a parser, without binding each record to a map
     * (the fast path of a JSON API). Not thread-safe: one per thread or request.
     */
    public JsonRecordScorer jsonScorer() {
        return new JsonRecordScorer(this, keys, encoder); // a frozen encoder only reads: shared
    }

    /**
     * Finds each feature's value in a record whose keys are column names or aliases, compared
     * trimmed and ignoring case. Each distinct lower-case name is a slot; a key spelled as the
     * schema spells it is found without lower-casing it, so a typical record costs no allocation
     * beyond one array. Same rules as a map of lower-cased keys: the last of two keys that differ
     * only in case wins, and a feature takes its name's value, else its first alias with a value.
     */
    static final class RecordKeys {

        private final Map<String, Integer> exact = new java.util.HashMap<>();
        private final Map<String, Integer> lowerCase = new java.util.HashMap<>();
        private final int[][] slotsOfFeature;

        RecordKeys(List<ColumnSpec> features) {
            slotsOfFeature = new int[features.size()][];
            for (int f = 0; f < features.size(); f++) {
                ColumnSpec column = features.get(f);
                List<String> names = new ArrayList<>();
                names.add(column.name());
                names.addAll(column.aliases());
                slotsOfFeature[f] = names.stream().mapToInt(this::slot).toArray();
            }
        }

        private int slot(String name) {
            String key = name.toLowerCase(java.util.Locale.ROOT);
            int slot = lowerCase.computeIfAbsent(key, k -> lowerCase.size());
            for (String spelling : List.of(name, key)) {
                if (spelling.trim().toLowerCase(java.util.Locale.ROOT).equals(key)) {
                    exact.putIfAbsent(spelling, slot);
                }
            }
            return slot;
        }

        /** How many slots there are. */
        int slots() {
            return lowerCase.size();
        }

        /** The slot of a record key, or -1 when the key names no feature. */
        int slotOf(String key) {
            Integer slot = exact.get(key);
            if (slot == null) {
                slot = lowerCase.get(key.trim().toLowerCase(java.util.Locale.ROOT));
            }
            return slot == null ? -1 : slot;
        }

        /** The slots a feature takes its value from, in order: its name, then its aliases. */
        int[] slotsOfFeature(int feature) {
            return slotsOfFeature[feature];
        }

        /** The record's values by slot (null: absent or null). */
        Object[] collect(Map<String, ?> record) {
            Object[] byKey = new Object[lowerCase.size()];
            for (Map.Entry<String, ?> entry : record.entrySet()) {
                int slot = slotOf(entry.getKey());
                if (slot >= 0) {
                    byKey[slot] = entry.getValue();
                }
            }
            return byKey;
        }

        Object valueOf(int feature, Object[] byKey) {
            for (int slot : slotsOfFeature[feature]) {
                if (byKey[slot] != null) {
                    return byKey[slot];
                }
            }
            return null;
        }
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
