package io.netsec.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.engine.RecordScorer;
import io.netsec.core.stream.CsvScoring;
import io.netsec.core.stream.JsonRecordScorer;
import io.netsec.core.data.DataException;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.data.RawRecord;
import io.netsec.core.model.LinearModel;
import io.netsec.core.schema.CellParser;
import io.netsec.core.schema.ColumnType;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaException;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.testing.TinyModels;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.TransformFitter;
import io.netsec.core.transform.TransformOptions;
import io.netsec.core.validate.ProblemKind;
import io.netsec.core.validate.ValidationOptions;
import io.netsec.core.validate.ValidationReport;
import io.netsec.core.validate.Validator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A schema's integers and numbers are written in ASCII digits. {@code Long.parseLong} reads any
 * Unicode digit, so Arabic-Indic "١" and full-width "１" were the integer 1 (an allowed value of
 * the phishing data); now they are text like any other, refused by every way in: a map of
 * values, a JSON record or row (strings holding digits reach the scorer), a CSV file by the block
 * path and by the record path, and validation. ASCII spellings of the same values pass each way,
 * so the refusals are the digits', not the set-up's.
 */
class AsciiDigitsTest {

    /** Digits of other scripts, alone, signed, mixed with ASCII, with a decimal point. */
    static final List<String> OTHER_DIGITS = List.of("\u0661", "\uFF11", "-\u0661", "+\uFF11", "1\u0661", "\u06611",
            "\u0661.0", "\u0663\u066B\u0665", "\uD835\uDFCF", "\u07C1", "\u0967", "\u0661\u0662", "1.\u0665", "\u0661e1");

    private static final String SCHEMA_YAML = """
            name: digits
            columns:
              - {name: id, type: string, role: id}
              - {name: flag, type: integer, allowed: [-1, 0, 1]}
              - {name: count, type: integer}
              - {name: size, type: number}
              - {name: label, type: string, role: label}
            label: {column: label, threat: [bad], benign: [ok]}
            """;
    private static final String[] COLUMNS = {"flag", "count", "size"};
    /** An ASCII value each column takes: the control. */
    private static final String[] GOOD = {"1", "12", "1.5"};

    private static Detector detector() throws Exception {
        LoadedSchema schema = SchemaLoader.parse("digits.yaml", SCHEMA_YAML.getBytes(StandardCharsets.UTF_8));
        String csv = "id,flag,count,size,label\na,1,3,0.5,ok\nb,-1,40,7.25,bad\nc,0,5,2,ok\n";
        Dataset data;
        try (CsvRecordSource source = CsvRecordSource.open("train.csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), schema.schema())) {
            data = DatasetReader.read(source, schema.schema(), null, null);
        }
        FittedTransform transform = TransformFitter.fit(data, IntStream.range(0, data.size()).toArray(), TransformOptions.DEFAULTS);
        double[] weights = new double[transform.outputWidth()];
        java.util.Arrays.fill(weights, 0.25);
        return Detector.of(TinyModels.bundleOf(schema, data, transform, new LinearModel(weights, -1)));
    }

    private static String cellOf(String[] values, int column) {
        return values[column];
    }

    /** The CSV row with {@code value} in column {@code column} (0: flag, 1: count, 2: size). */
    private static String[] row(int column, String value) {
        String[] values = GOOD.clone();
        values[column] = value;
        return values;
    }

    @Test
    void theCellRulesReadAsciiDigitsOnly() {
        for (String text : OTHER_DIGITS) {
            assertNull(CellParser.parseInteger(text), text);
            assertNull(CellParser.parseNumber(text), text);
            assertTrue(Double.isNaN(CellParser.toDouble(ColumnType.INTEGER, text)), text);
            assertTrue(Double.isNaN(CellParser.toDouble(ColumnType.NUMBER, text)), text);
        }
        assertEquals(-12L, CellParser.parseInteger(" -12 "));
        assertEquals(1.5e3, CellParser.parseNumber("+1.5e3"));
    }

    @Test
    void aMapOfValuesRefusesThemNamingTheColumn() throws Exception {
        Detector detector = detector();
        for (int c = 0; c < COLUMNS.length; c++) {
            detector.score(record(row(c, GOOD[c])));
            for (String text : OTHER_DIGITS) {
                int column = c;
                DataException e = assertThrows(DataException.class, () -> detector.score(record(row(column, text))), text);
                assertEquals(COLUMNS[c], e.column(), e.getMessage());
            }
        }
    }

    @Test
    void aJsonRecordOrRowRefusesThemNamingTheColumn() throws Exception {
        Detector detector = detector();
        JsonRecordScorer scorer = JsonRecordScorer.of(detector);
        ObjectMapper json = new ObjectMapper();
        JsonRecordScorer.RowLayout layout = scorer.rowLayout(List.of(COLUMNS));
        for (int c = 0; c < COLUMNS.length; c++) {
            List<String> texts = new ArrayList<>(OTHER_DIGITS);
            texts.add(0, GOOD[c]);
            for (String text : texts) {
                boolean good = text.equals(GOOD[c]);
                String body = json.writeValueAsString(record(row(c, text))); // every value a JSON string
                try (JsonParser parser = json.getFactory().createParser(body)) {
                    parser.nextToken();
                    assertJsonAnswer(good, COLUMNS[c], text, () -> scorer.probability(parser, "record 1"));
                }
                String array = json.writeValueAsString(List.of(row(c, text)));
                try (JsonParser parser = json.getFactory().createParser(array)) {
                    parser.nextToken();
                    assertJsonAnswer(good, COLUMNS[c], text, () -> scorer.rowProbability(parser, layout, "row 1"));
                }
            }
        }
    }

    private interface JsonAnswer {
        double probability() throws Exception;
    }

    /** A good value scores; another is refused for its column, or handed to the map path (which refuses it, above). */
    private static void assertJsonAnswer(boolean good, String column, String text, JsonAnswer answer) throws Exception {
        if (good) {
            double p = answer.probability();
            assertTrue(p >= 0 && p <= 1, text);
            return;
        }
        try {
            answer.probability();
            throw new AssertionError(text + " in " + column + " was scored");
        } catch (DataException e) {
            assertEquals(column, e.column(), e.getMessage());
        } catch (JsonRecordScorer.NotPlain handedOver) {
            // the map path answers: aMapOfValuesRefusesThemNamingTheColumn
        }
    }

    @Test
    void aCsvFileRefusesThemByBothPathsNamingRowAndColumn() throws Exception {
        Detector detector = detector();
        StringBuilder csv = new StringBuilder("id,flag,count,size,label\n");
        List<String> expected = new ArrayList<>();
        int row = 0;
        for (int c = 0; c < COLUMNS.length; c++) {
            for (String text : OTHER_DIGITS) {
                csv.append("r,").append(String.join(",", row(c, text))).append(",ok\n");
                row++;
                expected.add(row + " " + COLUMNS[c]);
                csv.append("r,").append(String.join(",", GOOD)).append(",ok\n");
                row++;
            }
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        List<String> byBlocks = new ArrayList<>();
        try (CsvScoring scoring = CsvScoring.open(detector, "in.csv", new ByteArrayInputStream(bytes))) {
            CsvScoring.Totals totals = scoring.scoreTo(new ByteArrayOutputStream(), 2,
                    (record, problem) -> byBlocks.add(problem.row() + " " + problem.column()), scored -> { });
            assertEquals(expected.size(), totals.scored(), "the ASCII rows between them score");
        }
        assertEquals(expected, byBlocks);
        List<String> byRecords = new ArrayList<>();
        try (CsvRecordSource source = CsvRecordSource.open("in.csv", new ByteArrayInputStream(bytes), detector.schema())) {
            RecordScorer scorer = detector.recordScorer(source.header());
            for (RawRecord record; (record = source.next()) != null; ) {
                try {
                    scorer.probability(record);
                } catch (DataException e) {
                    byRecords.add(e.row() + " " + e.column());
                }
            }
        }
        assertEquals(expected, byRecords);
    }

    @Test
    void validationCountsThemAsCellsOfTheWrongType() throws Exception {
        Detector detector = detector();
        StringBuilder csv = new StringBuilder("id,flag,count,size,label\n");
        for (int c = 0; c < COLUMNS.length; c++) {
            for (String text : OTHER_DIGITS) {
                csv.append("r,").append(String.join(",", row(c, text))).append(",ok\n");
            }
        }
        try (CsvRecordSource source = CsvRecordSource.open("in.csv",
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), detector.schema())) {
            ValidationReport report = new Validator().validate(source, detector.schema(), ValidationOptions.DEFAULTS);
            for (String column : COLUMNS) {
                assertEquals(OTHER_DIGITS.size(), report.count(column, ProblemKind.WRONG_TYPE), column);
            }
            assertTrue(!report.valid());
        }
    }

    @Test
    void aSchemaWritesItsIntegersInAsciiDigits() {
        SchemaException e = assertThrows(SchemaException.class, () -> SchemaLoader.parse("s.yaml",
                SCHEMA_YAML.replace("allowed: [-1, 0, 1]", "allowed: [\"-\u0661\", \"\u0660\", \"\u0661\"]")
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("allowed value '-\u0661' is not an integer"), e.getMessage());
        e = assertThrows(SchemaException.class, () -> SchemaLoader.parse("s.yaml",
                (SCHEMA_YAML + "drift: {small_reference_rows: \"\u0665\u0660\u0660\"}\n").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("'small_reference_rows' is '\u0665\u0660\u0660', not a whole number"), e.getMessage());
    }

    private static Map<String, Object> record(String[] values) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int c = 0; c < COLUMNS.length; c++) {
            record.put(COLUMNS[c], cellOf(values, c));
        }
        return record;
    }
}
