package io.netsec.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netsec.core.data.CellValue;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.DataException;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.TableHeader;
import io.netsec.core.engine.RecordScorer;
import io.netsec.core.model.TreeEnsemble;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.stream.JsonRecordScorer;
import io.netsec.core.testing.CsvDifferential;
import io.netsec.core.testing.TinyModels;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.TransformFitter;
import io.netsec.core.transform.TransformOptions;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One definition of how a cell becomes a feature value, whatever the way in: a record given as
 * values of any Java type answers, by a map, by JSON, and as a row of values (Spark's way), what
 * its CSV text answers, by raw cells and by the block path's bytes (the same probability bit for
 * bit, or the same column and problem), the text being the cell each value stands for
 * ({@link CellValue}).
 */
class EveryWayInTest {

    private static final String SCHEMA_YAML = """
            name: ways
            missing_values: ["", "NA"]
            columns:
              - {name: id, type: string, role: id}
              - {name: flag, type: integer, allowed: [-1, 0, 1]}
              - {name: count, type: integer, min: 0, nullable: true}
              - {name: size, type: number, max: 1e19}
              - {name: proto, type: categorical, allowed: [tcp, udp]}
              - {name: label, type: string, role: label}
            label: {column: label, threat: [bad], benign: [ok]}
            """;
    private static final List<String> HEADER = List.of("id", "flag", "count", "size", "proto", "label");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Values each feature may get, of every type a way in hands over; some break the schema. */
    private static final Object[][] VALUES = {
        {-1, 0, 1, 1L, 1.0, -1.0f, new BigDecimal("0.00"), BigInteger.ONE, "1", " 0", "2", 1.5, "-0", "01"},
        {0, 7, 3L, 3.0, 2.5, 1e16, 1e20, null, "NA", "12", BigInteger.TWO.pow(64), new BigDecimal("40.0"), 1e3f, -1},
        {0.1, 0.1f, new BigDecimal("1.50"), 1e20, 12, "12.5", "lots", 9e18, 3.25f, 1e-7, new BigDecimal("1E-7"), 0x1p62},
        {"tcp", "udp", "sctp", null, "TCP", " udp"},
    };

    private static Detector detector() throws Exception {
        LoadedSchema schema = SchemaLoader.parse("ways.yaml", SCHEMA_YAML.getBytes(StandardCharsets.UTF_8));
        String csv = "id,flag,count,size,proto,label\na,1,3,0.5,tcp,ok\nb,-1,40,7.25,udp,bad\nc,0,5,2,tcp,ok\nd,1,,1e6,udp,bad\n";
        Dataset data;
        try (CsvRecordSource source = CsvRecordSource.open("train.csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), schema.schema())) {
            data = DatasetReader.read(source, schema.schema(), null, null);
        }
        FittedTransform transform = TransformFitter.fit(data, IntStream.range(0, data.size()).toArray(), TransformOptions.DEFAULTS);
        TreeEnsemble trees = TinyModels.randomTrees(new SplittableRandom(3), transform.outputWidth(),
                TreeEnsemble.Aggregation.MARGIN_SUM, true, 4, 30);
        return Detector.of(TinyModels.bundleOf(schema, data, transform, trees));
    }

    /** A probability, or the column and the kind of problem (the cell quoted, or not, after it). */
    private static String answer(DataException e) {
        return e.column() + ": " + e.problem().replaceFirst(": '.*'$", "");
    }

    @Test
    void aRecordOfValuesAnswersWhatItsCsvTextAnswersByEveryWayIn() throws Exception {
        Detector detector = detector();
        TableHeader header = TableHeader.match("in.csv", HEADER, detector.schema());
        RecordScorer cells = detector.recordScorer(header);
        RecordScorer values = detector.recordScorer(header);
        JsonRecordScorer json = JsonRecordScorer.of(detector);
        SplittableRandom random = new SplittableRandom(8);
        StringBuilder csv = new StringBuilder(String.join(",", HEADER)).append('\n');
        Map<String, String> byText = new HashMap<>();
        int scored = 0;
        for (int row = 1; row <= 3_000; row++) {
            Object[] record = new Object[HEADER.size()];
            record[0] = "r" + row;
            for (int f = 0; f < VALUES.length; f++) {
                record[f + 1] = VALUES[f][random.nextInt(VALUES[f].length)];
            }
            record[5] = "ok";
            String[] texts = new String[record.length];
            Map<String, Object> map = new LinkedHashMap<>();
            for (int c = 0; c < record.length; c++) {
                String text = CellValue.textOf(record[c]);
                texts[c] = text == null ? "" : text;
                map.put(HEADER.get(c), record[c]);
            }
            csv.append(String.join(",", texts)).append('\n');

            String expected;
            try {
                double probability = cells.probability(new RawRecord(row, texts));
                assertEquals(CsvDifferential.referenceProbability(detector, header, new RawRecord(row, texts)), probability, 0);
                expected = Double.toString(probability);
                scored++;
            } catch (DataException e) {
                expected = answer(e);
            }
            byText.put("r" + row, expected);
            String context = "row " + row + ": " + map;
            assertEquals(expected, byMap(detector, map), "a map, " + context);
            assertEquals(expected, byJson(json, map), "JSON, " + context);
            assertEquals(expected, byValues(values, row, record), "a row of values, " + context);
        }
        assertTrue(scored > 300 && scored < 2_700, "scored " + scored + " of 3,000: both kinds of answer are tested");

        // the same rows as CSV bytes, by blocks (plain records from their bytes; quoted ones by Jackson)
        int scoredByBlocks = 0;
        for (String line : CsvDifferential.blocks(detector, csv.toString().getBytes(StandardCharsets.UTF_8), 2)) {
            if (line.matches("[0-9]+!.*")) {
                continue; // a reject: its row's answer is a problem (counted below)
            }
            String[] parts = line.split("\\|");
            assertEquals(byText.get(parts[0]), parts[parts.length - 1], "the block path, " + line);
            scoredByBlocks++;
        }
        assertEquals(scored, scoredByBlocks, "rows scored by blocks");
    }

    private static String byMap(Detector detector, Map<String, Object> map) {
        try {
            return Double.toString(detector.score(map).probability());
        } catch (DataException e) {
            return answer(e);
        }
    }

    private static String byJson(JsonRecordScorer scorer, Map<String, Object> map) throws Exception {
        try (JsonParser parser = JSON.getFactory().createParser(JSON.writeValueAsBytes(map))) {
            parser.nextToken();
            return Double.toString(scorer.probability(parser, "record"));
        } catch (DataException e) {
            return answer(e);
        }
    }

    private static String byValues(RecordScorer scorer, long row, Object[] record) {
        try {
            return Double.toString(scorer.probability(row, record));
        } catch (DataException e) {
            return answer(e);
        }
    }

    /**
     * A double of 2^63 or more is its own value: the map path made it {@code Long.MAX_VALUE}
     * (9.2e18, inside this schema's maximum of 1e19) while its CSV text "1.0E20" is out of range.
     */
    @Test
    void aDoublePastLongsRangeIsItsOwnValueNotTheLargestLong() throws Exception {
        Detector detector = detector();
        Map<String, Object> record = new HashMap<>(Map.of("flag", 1, "count", 3, "proto", "tcp"));
        record.put("size", 1e20);
        DataException e = assertThrows(DataException.class, () -> detector.score(record));
        assertEquals("size", e.column());
        assertEquals("outside the allowed range: '1.0E20'", e.problem());
        record.put("size", 9e18);
        assertEquals(detector.score(new HashMap<>(Map.of("flag", 1, "count", 3, "proto", "tcp", "size", "9000000000000000000"))),
                detector.score(record), "9e18 is the whole number it is");
    }
}
