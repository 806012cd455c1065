package io.netsec.api.scoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netsec.api.config.NetsecConfig;
import io.netsec.api.drift.DriftMonitor;
import io.netsec.api.model.ModelRegistry;
import io.netsec.api.model.ServedModel;
import io.netsec.api.problem.ApiProblem;
import io.netsec.core.stream.CsvScoring;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netsec.core.Detector;
import io.netsec.core.FamilyScore;
import io.netsec.core.stream.JsonRecordScorer;
import io.netsec.core.Prediction;
import io.netsec.core.engine.RecordScorer;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.TableHeader;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores records and CSV streams with the served model and counts what it predicts. Each call
 * takes the model once, so a model swap mid-request cannot mix two models in one answer.
 * A singleton: no client proxy on each request's call.
 */
@Singleton
public class ScoringService {

    private final ModelRegistry models;
    private final NetsecConfig config;
    private final Counter predictions;
    private final Counter threats;
    private final DriftMonitor drift;

    public ScoringService(ModelRegistry models, NetsecConfig config, MeterRegistry meters, DriftMonitor drift) {
        this.models = models;
        this.config = config;
        this.drift = drift;
        this.predictions = Counter.builder("netsec.predictions").description("records scored").register(meters);
        this.threats = Counter.builder("netsec.threats").description("records called a threat").register(meters);
    }

    /** Scores JSON records in order; a bad value is a 422 naming the record (as the row) and the column. */
    public List<ScoredRecord> scoreRecords(List<? extends Map<String, ?>> records, boolean explain) {
        Detector detector = models.require().detector();
        checkRecordCount(records.size());
        List<ScoredRecord> out = new ArrayList<>(records.size());
        long found = 0;
        for (int i = 0; i < records.size(); i++) {
            Map<String, ?> record = records.get(i);
            if (record == null) {
                throw ApiProblem.invalidData((long) i + 1, null, "the record is null, expected an object");
            }
            try {
                ScoredRecord scored;
                if (explain) {
                    Detector.ExplainedPrediction e = detector.explain(record);
                    scored = new ScoredRecord(e.prediction().label(), e.prediction().probability(), e.prediction().threat(),
                            e.contributions());
                    if (detector.hasFamilies()) {
                        scored = withFamily(scored, detector.scoreFamilies(record));
                    }
                } else if (detector.hasFamilies()) {
                    scored = scored(detector, detector.scoreFamilies(record));
                } else {
                    Prediction p = detector.score(record);
                    scored = new ScoredRecord(p.label(), p.probability(), p.threat(), null);
                }
                found += scored.threat() ? 1 : 0;
                out.add(scored);
            } catch (DataException e) {
                throw ApiProblem.invalidData((long) i + 1, e.column(), ApiProblem.reasonOf(e));
            }
        }
        count(out.size(), found);
        drift.observeRecords(detector, records, out);
        return out;
    }

    /**
     * The fast path of a JSON predict request: the body {@code {"records": [...]}} or
     * {@code {"columns": [...], "rows": [...]}} scored as the parser reads it, each record without a
     * map ({@link JsonRecordScorer}). Answers null whenever anything is not plain (another shape or
     * order of keys, a record to read as a map, a bad value, too many records, no model):
     * {@link #scoreRecords} then answers, with its errors, from the bound body. A refused body is
     * thus read twice (and scored up to the bad record or the limit): refusals are rare, and only
     * the bound path knows which of its problems comes first.
     */
    public List<ScoredRecord> scoreJsonBody(byte[] body, JsonFactory json) {
        Optional<ServedModel> served = models.current();
        if (served.isEmpty() || body.length > json.streamReadConstraints().getMaxStringLength()) {
            // Jackson checks a string's length only when its text is read, and this path skips the
            // values of columns the model does not use: a body that could hold a string over the
            // limit goes the bound way, which reads (and refuses) it.
            return null;
        }
        Detector detector = served.get().detector();
        if (detector.hasFamilies()) {
            return null; // the streaming scorer answers threat probabilities only: the bound path adds the families
        }
        JsonRecordScorer scorer = scorerFor(detector);
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME) {
                return null;
            }
            List<ScoredRecord> out;
            if ("records".equals(parser.currentName())) {
                out = streamRecords(parser, detector, scorer);
            } else if ("columns".equals(parser.currentName())) {
                out = streamRows(parser, detector, scorer);
            } else {
                return null;
            }
            if (out == null || parser.nextToken() != JsonToken.END_OBJECT || out.isEmpty()
                    || parser.nextToken() != null) { // anything after the document: the bound path's 400
                return null;
            }
            long found = out.stream().filter(ScoredRecord::threat).count();
            count(out.size(), found);
            drift.observeBody(detector, body, out);
            return out;
        } catch (JsonRecordScorer.NotPlain | DataException | IOException e) {
            return null;
        }
    }

    /**
     * This thread's JSON scorer for {@code detector}: its buffers (a few arrays per feature and per
     * tree) cost a tenth of a one-record request's CPU when made per request. A thread scores one
     * request at a time, and a model swap makes a new scorer for the new detector (the old one is
     * released at that thread's next JSON request).
     */
    private JsonRecordScorer scorerFor(Detector detector) {
        ThreadScorer cached = threadScorer.get();
        if (cached == null || cached.detector() != detector) {
            cached = new ThreadScorer(detector, JsonRecordScorer.of(detector));
            threadScorer.set(cached);
        }
        return cached.scorer();
    }

    private record ThreadScorer(Detector detector, JsonRecordScorer scorer) {
    }

    private final ThreadLocal<ThreadScorer> threadScorer = new ThreadLocal<>();

    /** The records of {@code "records": [...]}, the parser on the field's name; null when not plain. */
    private List<ScoredRecord> streamRecords(JsonParser parser, Detector detector, JsonRecordScorer scorer) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<ScoredRecord> out = new ArrayList<>();
        int limit = config.limits().records();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_OBJECT && out.size() < limit) {
            out.add(scored(detector, scorer.probability(parser, "record")));
        }
        return token == JsonToken.END_ARRAY ? out : null;
    }

    /** The rows of {@code "columns": [names], "rows": [[values]]}, the parser on "columns"; null when not plain. */
    private List<ScoredRecord> streamRows(JsonParser parser, Detector detector, JsonRecordScorer scorer) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> columns = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
            columns.add(parser.getText());
        }
        if (token != JsonToken.END_ARRAY || columns.isEmpty() || PredictRequest.repeatedColumn(columns) != null
                || parser.nextToken() != JsonToken.FIELD_NAME
                || !"rows".equals(parser.currentName()) || parser.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        JsonRecordScorer.RowLayout layout = scorer.rowLayout(columns);
        List<ScoredRecord> out = new ArrayList<>();
        int limit = config.limits().records();
        while ((token = parser.nextToken()) == JsonToken.START_ARRAY && out.size() < limit) {
            out.add(scored(detector, scorer.rowProbability(parser, layout, "record")));
        }
        return token == JsonToken.END_ARRAY ? out : null;
    }

    private static ScoredRecord scored(Detector detector, double probability) {
        Prediction p = detector.predictionOf(probability);
        return new ScoredRecord(p.label(), p.probability(), p.threat(), null);
    }

    /** The prediction of a model of attack families: the threat columns as {@link Detector#score}, and the family. */
    private static ScoredRecord scored(Detector detector, FamilyScore score) {
        return withFamily(scored(detector, score.threatProbability()), score);
    }

    private static ScoredRecord withFamily(ScoredRecord scored, FamilyScore score) {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        double[] p = score.probabilities();
        for (int k = 0; k < p.length; k++) {
            probabilities.put(score.classes().get(k), p[k]);
        }
        return new ScoredRecord(scored.label(), scored.probability(), scored.threat(), scored.contributions(), score.family(),
                probabilities);
    }

    /**
     * A 503 problem when no model is served, else a 413 problem when a request holds more records
     * (or rows) than the limit allows: the order {@link #scoreRecords} checks them in.
     */
    public void checkRecordCount(int records) {
        models.require();
        if (records > config.limits().records()) {
            throw ApiProblem.overLimit("records", config.limits().records(), "netsec.limits.records");
        }
    }

    /** The most records one JSON request may hold ({@code netsec.limits.records}). */
    public int recordLimit() {
        return config.limits().records();
    }

    /** Scores a CSV body and returns the predictions in row order (for the MLflow protocol). */
    public List<ScoredRecord> scoreCsvRows(String name, InputStream body) throws IOException {
        Detector detector = models.require().detector();
        List<ScoredRecord> out = new ArrayList<>();
        long found = 0;
        try (CsvRecordSource source = open(name, body, detector)) {
            RecordScorer scorer = detector.recordScorer(source.header());
            boolean families = detector.hasFamilies();
            for (RawRecord record; (record = source.next()) != null; ) {
                checkRows(out.size() + 1L);
                ScoredRecord scored = families ? scored(detector, detector.familyScoreOf(scorer.classProbabilities(record)))
                        : scored(detector, scorer.probability(record));
                found += scored.threat() ? 1 : 0;
                out.add(scored);
            }
        }
        requireRows(out.size());
        count(out.size(), found);
        drift.observeVerdicts(detector, out.size(), found);
        return out;
    }

    /** Where a scored CSV goes: opened once the model and the matched header are known, closed after the last row. */
    @FunctionalInterface
    public interface CsvTarget {
        OutputStream open(Detector detector, TableHeader header) throws IOException;
    }

    /**
     * Streams a CSV body through the model ({@link CsvScoring}, on this request's thread) into
     * the stream {@code target} opens: the header, then each input row's bytes as they were plus
     * {@code prediction} and {@code probability}. Memory stays constant whatever the size. The one
     * CSV path of {@code /api/v1/predict/csv} and the upload page.
     */
    public ScoreSummary scoreCsv(String name, InputStream body, CsvTarget target) throws IOException {
        Detector detector = models.require().detector();
        CsvScoring.Totals totals;
        try (CsvScoring scoring = CsvScoring.open(detector, name, CsvInput.checked(body, limit()))) {
            requireColumnsWithinLimit(scoring.header().sourceColumns().size());
            try (OutputStream out = target.open(detector, scoring.header())) {
                totals = scoring.scoreTo(out, 1, null, this::checkRows);
            }
        }
        requireRows(totals.scored());
        count(totals.scored(), totals.threats());
        drift.observeVerdicts(detector, totals.scored(), totals.threats());
        return new ScoreSummary(totals.scored(), totals.threats(), totals.families(), detector.schema().label().threatName());
    }

    private void requireColumnsWithinLimit(int columns) {
        if (columns > config.limits().columns()) {
            throw ApiProblem.overLimit("columns (the header has " + columns + ")", config.limits().columns(),
                    "netsec.limits.columns");
        }
    }

    /** A CSV source over a checked body, its header within the column limit. */
    private CsvRecordSource open(String name, InputStream body, Detector detector) throws IOException {
        CsvRecordSource source = CsvRecordSource.open(name, CsvInput.checked(body, limit()), detector.schema());
        try {
            requireColumnsWithinLimit(source.header().sourceColumns().size());
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        return source;
    }

    private void checkRows(long rows) {
        if (rows > config.limits().rows()) {
            throw ApiProblem.overLimit("rows", config.limits().rows(), "netsec.limits.rows");
        }
    }

    /** A header without rows is a mistake (a truncated export, the wrong file), not an empty answer. */
    private static void requireRows(long rows) {
        if (rows == 0) {
            throw ApiProblem.invalidData(1L, null, "the file has a header but no data rows");
        }
    }

    /** The upload limit in bytes. */
    public long limit() {
        return config.uploadLimit().asLongValue();
    }

    private void count(long rows, long found) {
        predictions.increment(rows);
        threats.increment(found);
    }
}
