package io.netsec.api.scoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.netsec.api.problem.ApiProblem;
import io.netsec.api.problem.Problem;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers {@code POST /api/v1/predict} from the whole body, where it is cheapest: a body of up to
 * {@link #INLINE_BYTES} is parsed and scored on the event loop that read it (handing a small
 * request to a worker thread cost more than scoring it), a larger one on a worker thread, so that
 * it does not hold up the other connections of that loop. Nothing here blocks: the model is in
 * memory and scoring takes no lock.
 */
@Singleton
public class JsonScoring {

    /** About 380 records of 30 columns (or 3,000 rows): one to a few milliseconds of parsing and scoring. */
    static final int INLINE_BYTES = 256 * 1024;

    private final ObjectReader reader;
    private final JsonFactory json;
    private final ScoringService scoring;
    private final Validator validator;
    /** Records are read without maps unless the mapper would bind decimals as BigDecimal (their text differs). */
    private final boolean streamRecords;

    public JsonScoring(ObjectMapper mapper, ScoringService scoring, Validator validator) {
        this.reader = mapper.readerFor(PredictRequest.class); // the application's mapper: same limits and features
        this.json = mapper.getFactory();
        this.scoring = scoring;
        this.validator = validator;
        this.streamRecords = !mapper.isEnabled(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    public Uni<PredictResponse> predict(byte[] body, boolean explain) {
        if (body.length <= INLINE_BYTES) {
            return answer(body, explain); // already answered: no supplier to wrap for context propagation
        }
        return Uni.createFrom().deferred(() -> answer(body, explain)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Uni<PredictResponse> answer(byte[] body, boolean explain) {
        try {
            // Records read straight from the body; the bound request when that path declines (explanations,
            // an unusual record, any error: the bound path gives the answer and its exact problem).
            List<ScoredRecord> streamed = explain || !streamRecords ? null : scoring.scoreJsonBody(body, json);
            return Uni.createFrom().item(new PredictResponse(streamed != null ? streamed
                    : scoring.scoreRecords(records(body), explain)));
        } catch (IOException | RuntimeException e) {
            return Uni.createFrom().failure(e); // mapped to a problem like any failure of a resource
        }
    }

    /**
     * The body's records, checked against the request's constraints by Bean Validation (here, not
     * on the parameter: the streaming path above answers most requests without binding them).
     */
    private List<Map<String, Object>> records(byte[] body) throws IOException {
        refuseTooManyBeforeBinding(body);
        PredictRequest request = body.length == 0 ? null : reader.readValue(body);
        if (request == null) {
            throw invalid("predict.body", "must not be null"); // as a @NotNull body parameter answered
        }
        Set<ConstraintViolation<PredictRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        boolean rowShape = request.columns() != null || request.rows() != null;
        if (request.records() == null && !rowShape) {
            throw invalid("records", "must not be null (or give columns and rows instead)");
        }
        if (request.records() != null && rowShape) {
            throw invalid("records", "give either records, or columns and rows, not both");
        }
        if (rowShape && (request.columns() == null || request.rows() == null)) {
            throw invalid(request.columns() == null ? "columns" : "rows", "must not be null when "
                    + (request.columns() == null ? "rows" : "columns") + " are given");
        }
        if (rowShape && request.columns().contains(null)) {
            throw invalid("columns", "a column name is null");
        }
        String repeated = rowShape ? PredictRequest.repeatedColumn(request.columns()) : null;
        if (repeated != null) {
            throw invalid("columns", "'" + repeated + "' is given twice (names are compared trimmed and ignoring case)");
        }
        if (rowShape) {
            scoring.checkRecordCount(request.rows().size()); // before a map is made per row
        }
        return request.asRecords();
    }

    /**
     * A 413 when {@code records} or {@code rows} holds more than {@code netsec.limits.records}
     * entries, counted by a pass over the tokens before anything is bound: binding them first made
     * a map per record (600,000 one-field records, 14 MB, filled a 128 MB heap: a 500). Any
     * other fault of the body is left to binding, which answers it as it did.
     */
    private void refuseTooManyBeforeBinding(byte[] body) throws IOException {
        int limit = scoring.recordLimit();
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return; // binding answers what is wrong
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (parser.nextToken() == JsonToken.START_ARRAY && ("records".equals(field) || "rows".equals(field))) {
                    int count = 0;
                    for (JsonToken item; (item = parser.nextToken()) != JsonToken.END_ARRAY && item != null; ) {
                        parser.skipChildren();
                        if (++count > limit) {
                            scoring.checkRecordCount(count); // a 413 (a 503 first when no model is served)
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // not this pass's to answer: binding reads the body again and names what is wrong, as before
        }
    }

    private static ApiProblem invalid(String field, String message) {
        return ApiProblem.validation(List.of(new Problem.FieldError(field, message)));
    }
}
