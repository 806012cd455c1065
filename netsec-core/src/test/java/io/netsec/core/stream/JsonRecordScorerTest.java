package io.netsec.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netsec.core.Detector;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.DataException;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.testing.TinyModels;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Reading a JSON record straight from the parser must answer what binding it to a map and
 * calling {@link Detector#score(java.util.Map)} answers: the same probability bit for bit, the
 * same error, or a hand-over to the map path ({@link JsonRecordScorer.NotPlain}) where the map's
 * order of keys would decide.
 */
class JsonRecordScorerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] KEYS = {"bytes", "BYTES", " Bytes ", "octets", "Size", "proto", "PROTO", "service",
        "id", "label", "unknown", "other"};
    private static final String[] VALUES = {"900", "10", "-3", "0", "12.5", "1.0", "1e3", "99999999999999999999",
        "\"600\"", "\"lots\"", "\"tcp\"", "\"udp\"", "\"sctp\"", "\"http\"", "\"ftp\"", "\"NA\"", "\"\"", "null", "true",
        "{\"a\": 1}", "[1, 2]", "9223372036854775807", "-9223372036854775808", "\"\u0661\u0662\"", "\"\uFF11\"",
        "\"-\u0661.5\""};

    private static Detector aliasedDetector() throws Exception {
        ModelBundle tiny = TinyModels.bundle();
        var aliased = SchemaLoader.parse("flows.yaml", TinyModels.SCHEMA_YAML
                .replace("{name: bytes, type: number,", "{name: bytes, aliases: [octets, Size], type: number,")
                .getBytes(StandardCharsets.UTF_8));
        return Detector.of(new ModelBundle(tiny.manifest(), aliased, tiny.model()));
    }

    /** What the map path answers: the probability, or the error's column and message. */
    private static String byMap(Detector detector, String json) throws Exception {
        LinkedHashMap<String, Object> record = JSON.readValue(json, new TypeReference<>() { });
        try {
            return Double.toString(detector.scoreAll(List.of(record)).get(0).probability());
        } catch (DataException e) {
            return e.column() + ": " + e.getMessage();
        }
    }

    /** What the streaming path answers, or null when it hands the record over. */
    private static String byParser(JsonRecordScorer scorer, String json) throws Exception {
        try (JsonParser parser = JSON.getFactory().createParser(json)) {
            assertEquals(JsonToken.START_OBJECT, parser.nextToken());
            try {
                String answer = Double.toString(scorer.probability(parser, "record 1"));
                assertEquals(JsonToken.END_OBJECT, parser.currentToken());
                return answer;
            } catch (DataException e) {
                return e.column() + ": " + e.getMessage();
            } catch (JsonRecordScorer.NotPlain e) {
                return null;
            }
        }
    }

    @Test
    void answersWhatTheMapPathAnswersOrHandsTheRecordOver() throws Exception {
        Detector detector = aliasedDetector();
        JsonRecordScorer scorer = JsonRecordScorer.of(detector); // reused: nothing may carry over between records
        SplittableRandom random = new SplittableRandom(11);
        int streamed = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder json = new StringBuilder("{");
            int fields = random.nextInt(7);
            for (int k = 0; k < fields; k++) {
                json.append(k == 0 ? "" : ", ").append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\": ")
                        .append(VALUES[random.nextInt(VALUES.length)]);
            }
            String record = json.append('}').toString();
            String expected = byMap(detector, record);
            String actual = byParser(scorer, record);
            if (actual != null) {
                assertEquals(expected, actual, record);
                streamed++;
            } else {
                assertTrue(needsTheMap(record), "handed over without cause: " + record);
            }
        }
        assertTrue(streamed > 10_000, "streamed " + streamed);
    }

    /** A record the streaming path may hand over: a nested value, or two spellings of one column. */
    private static boolean needsTheMap(String record) {
        if (record.substring(1).contains("{") || record.contains("[")) {
            return true;
        }
        java.util.Set<String> bytes = new java.util.HashSet<>();
        java.util.Set<String> proto = new java.util.HashSet<>();
        for (String key : KEYS) {
            if (record.contains('"' + key + '"')) {
                (key.trim().equalsIgnoreCase("proto") ? proto : key.trim().equalsIgnoreCase("bytes") ? bytes
                        : new java.util.HashSet<String>()).add(key);
            }
        }
        return bytes.size() > 1 || proto.size() > 1;
    }

    @Test
    void aRowAnswersWhatItsRecordAnswers() throws Exception {
        Detector detector = aliasedDetector();
        JsonRecordScorer scorer = JsonRecordScorer.of(detector);
        SplittableRandom random = new SplittableRandom(12);
        int streamed = 0;
        for (int i = 0; i < 20_000; i++) {
            List<String> columns = new java.util.ArrayList<>();
            int width = random.nextInt(6);
            while (columns.size() < width) {
                columns.add(KEYS[random.nextInt(KEYS.length)]);
            }
            StringBuilder row = new StringBuilder("[");
            StringBuilder record = new StringBuilder("{");
            int values = random.nextInt(8) == 0 ? random.nextInt(7) : width; // now and then a ragged row
            for (int k = 0; k < values; k++) {
                String value = VALUES[random.nextInt(VALUES.length)];
                row.append(k == 0 ? "" : ", ").append(value);
                if (k < width) {
                    record.append(k == 0 ? "" : ", ").append('"').append(columns.get(k)).append("\": ").append(value);
                }
            }
            String rowJson = row.append(']').toString();
            String recordJson = record.append('}').toString();
            String actual;
            try (JsonParser parser = JSON.getFactory().createParser(rowJson)) {
                assertEquals(JsonToken.START_ARRAY, parser.nextToken());
                try {
                    actual = Double.toString(scorer.rowProbability(parser, scorer.rowLayout(columns), "record 1"));
                    assertEquals(JsonToken.END_ARRAY, parser.currentToken());
                } catch (JsonRecordScorer.NotPlain e) {
                    actual = null;
                }
            }
            // the features the columns name (bytes has the aliases octets and Size)
            List<String> named = columns.stream().map(c -> c.trim().toLowerCase(java.util.Locale.ROOT))
                    .map(c -> c.equals("octets") || c.equals("size") ? "bytes" : c)
                    .filter(c -> c.equals("bytes") || c.equals("proto") || c.equals("service")).toList();
            boolean oneFeatureTwice = named.stream().distinct().count() < named.size();
            String expected = values == width ? byMap(detector, recordJson) : null;
            if (actual != null) {
                assertEquals(values, width, "a ragged row was scored: " + rowJson);
                assertEquals(expected, actual, columns + " " + rowJson);
                streamed++;
            } else {
                // handed over: the map path answers with an error, or the row needs it
                boolean mapFails = expected != null && expected.contains(": ");
                assertTrue(values != width || oneFeatureTwice || mapFails || rowJson.contains("{")
                        || rowJson.substring(1).contains("["), "handed over without cause: " + columns + " " + rowJson);
            }
        }
        assertTrue(streamed > 500, "streamed " + streamed); // most random rows break the schema: handed over
    }

    @Test
    void aBadValueNamesItsColumn() throws Exception {
        JsonRecordScorer scorer = JsonRecordScorer.of(aliasedDetector());
        try (JsonParser parser = JSON.getFactory().createParser("{\"bytes\": \"lots\", \"service\": \"http\"}")) {
            parser.nextToken();
            DataException e = assertThrows(DataException.class, () -> scorer.probability(parser, "record 3"));
            assertEquals("bytes", e.column());
            assertTrue(e.getMessage().contains("record 3") && e.getMessage().contains("not a number: 'lots'"), e.getMessage());
        }
    }
}
