package io.netsec.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.testing.TinyModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Code written against 0.1's streaming types (in the root package) still compiles and answers
 * what the types they moved to answer: each deprecated name forwards to its new place.
 */
@SuppressWarnings("removal")
class DeprecatedForwardersTest {

    private static final String CSV = "id,bytes,proto,service,label\na,600,tcp,http,normal\nb,12,udp,dns,normal\n"
            + "c,lots,tcp,http,normal\n";

    private static ByteArrayInputStream csv() {
        return new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theOldStreamingTypesAnswerWhatTheNewOnesAnswer() throws Exception {
        Detector detector = Detector.of(TinyModels.bundle());

        ByteArrayOutputStream old = new ByteArrayOutputStream();
        List<Long> oldRejects = new ArrayList<>();
        CsvScoring.Totals totals;
        try (CsvScoring scoring = CsvScoring.open(detector, "in.csv", csv())) {
            totals = scoring.scoreTo(old, 2, (record, problem) -> oldRejects.add(record.row()), rows -> { });
        }
        ByteArrayOutputStream now = new ByteArrayOutputStream();
        try (io.netsec.core.stream.CsvScoring scoring = io.netsec.core.stream.CsvScoring.open(detector, "in.csv", csv())) {
            scoring.scoreTo(now, 2, (record, problem) -> { }, rows -> { });
        }
        assertEquals(now.toString(StandardCharsets.UTF_8), old.toString(StandardCharsets.UTF_8));
        assertEquals(new CsvScoring.Totals(2, 1, 1), totals);
        assertEquals(List.of(3L), oldRejects);

        List<String> events = new ArrayList<>();
        try (CsvRecordSource source = CsvRecordSource.open("in.csv", csv(), detector.schema())) {
            RecordScorer scorer = detector.scorer(source.header());
            RawRecord first = source.next();
            assertEquals(detector.recordScorer(source.header()).probability(first), scorer.probability(first), 0);
        }
        try (CsvRecordSource source = CsvRecordSource.open("in.csv", csv(), detector.schema())) {
            StreamScoring.run(detector, source, 1, new StreamScoring.Sink() {
                @Override
                public void scored(RawRecord record, double probability) {
                    events.add(record.row() + "=" + probability);
                }

                @Override
                public void rejected(RawRecord record, DataException problem) {
                    events.add(record.row() + "!" + problem.column());
                }
            });
        }
        assertEquals(List.of("1=0.9", "2=0.1", "3!bytes"), events);

        JsonRecordScorer json = detector.jsonScorer();
        try (JsonParser parser = new JsonFactory().createParser("{\"bytes\": 900, \"service\": \"ftp\"}")) {
            parser.nextToken();
            assertEquals(0.9, json.probability(parser, "record 1"), 0);
        }
        JsonRecordScorer.RowLayout layout = json.rowLayout(List.of("bytes", "service"));
        try (JsonParser parser = new JsonFactory().createParser("[12, \"dns\"]")) {
            parser.nextToken();
            assertEquals(0.1, json.rowProbability(parser, layout, "record 1"), 0);
        }
        assertThrows(JsonRecordScorer.NotPlain.class, () -> json.rowLayout(List.of("bytes", "BYTES")),
                "the old type of the hand-over");
    }
}
