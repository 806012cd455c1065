package io.netsec.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.Detector;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.data.TableHeader;
import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.testing.CsvDifferential;
import io.netsec.core.testing.TinyModels;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.TransformFitter;
import io.netsec.core.transform.TransformOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rows of small integers scored from condition bits ({@link ConditionCodes}) must get what the
 * vector path and the model's reference walk give them, bit for bit, and every cell the bits path does not take (a sign, a
 * leading zero, a space, a missing marker, a value out of the schema's range, a ragged row, a
 * quote) must go to the vector path, which scores it or names its problem as before.
 */
class ConditionCodesTest {

    private static final String SCHEMA_YAML = """
            name: flags
            missing_values: ["", "?"]
            columns:
              - {name: id, type: string, role: id}
              - {name: a, type: integer, allowed: [-1, 0, 1]}
              - {name: b, type: integer, allowed: [-1, 1], nullable: true}
              - {name: c, type: integer, allowed: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}
              - {name: d, type: integer, allowed: [-32, -10, -1, 0, 31], min: -20}
              - {name: label, type: string, role: label}
            label: {column: label, threat: ["bad"], benign: ["ok"]}
            """;
    private static final LoadedSchema SCHEMA = SchemaLoader.parse("flags.yaml", SCHEMA_YAML.getBytes(StandardCharsets.UTF_8));

    /** Bytes after a record: too few for the reading by comma masks, and enough (both readings are tested). */
    private static final int[] PADDINGS = {8, ConditionCodes.WINDOW + 8};

    /** Cells the bits path must hand over: not integers as Long.toString writes them, or not allowed. */
    private static final String[] HAZARDS = {"-0", "01", "+1", " 1", "1 ", "1.0", "", "?", "--1", "1-", "-", "2", "-33",
        "32", "100", "-32", "31", "1e0", "0x1", "\t1", "1\u0000", "-1\u0000", "\u00001",
        "\u0661", "\uFF11", "-\u0661", "1\u0661", "\u0660"}; // digits outside ASCII: text, refused by both paths

    @Test
    void everyRowScoresAsTheVectorPathScoresIt() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        int rows = 300_000; // some 2.4 MB: several blocks, and block buffers reused with stale bytes past their records
        for (Detector detector : new Detector[] {detector(random, TreeEnsemble.Aggregation.MARGIN_SUM, true, 3, 60),
            detector(random, TreeEnsemble.Aggregation.PROBABILITY_AVERAGE, false, 4, 25),
            detector(random, TreeEnsemble.Aggregation.MARGIN_SUM, true, 6, 40)}) {
            byte[] csv = rows(random, rows, true).getBytes(StandardCharsets.UTF_8);
            assertTrue(rows < 300_000 || csv.length > 2 * (1 << 20), "several blocks of 1 MB: " + csv.length);
            rows = 30_000; // the other models: one block is enough
            List<String> expected = CsvDifferential.reference(detector, csv);
            assertTrue(expected.stream().anyMatch(row -> row.contains("!")), "some rows must be rejected");
            assertTrue(expected.stream().filter(row -> !row.contains("!")).noneMatch(CsvDifferential::hasOtherDigit),
                    "a row with a digit outside ASCII was scored");
            CsvDifferential.assertSameRows(expected, CsvDifferential.blocks(detector, csv, 1), "one thread");
            CsvDifferential.assertSameRows(expected, CsvDifferential.blocks(detector, csv, 2), "two threads");
        }
    }

    @Test
    void plainRowsOfAllowedIntegersTakeTheBitsPath() throws Exception {
        Detector detector = detector(new SplittableRandom(1), TreeEnsemble.Aggregation.MARGIN_SUM, true, 3, 20);
        RecordScorer scorer = detector.recordScorer(header());
        for (String row : new String[] {"x,1,-1,12,-10", "x,-1,1,0,0", "long id with spaces,0,1,7,-1",
            "q".repeat(60) + ",1,1,1,31", "q".repeat(80) + ",-1,-1,12,-10", "y".repeat(200) + ",1,1,1,31",
            "z".repeat(121) + ",1,1,1,31"}) {
            for (int padding : PADDINGS) {
                // commas after the record: they must not count as its cells
                byte[] bytes = (row + ",ok" + ",".repeat(padding)).getBytes(StandardCharsets.US_ASCII);
                assertNotEquals(ConditionCodes.NOT_COVERED, scorer.conditionBits(bytes, 0, row.length() + 3), row);
            }
        }
        for (String hazard : HAZARDS) {
            // a allows -1, 0 and 1 ("-0" and "01" must not pass for them); b only -1 and 1; short and long records
            String longId = "w".repeat(130);
            for (String row : new String[] {"x," + hazard + ",1,3,0,ok", "x,1," + hazard + ",3,0,ok",
                longId + "," + hazard + ",1,3,0,ok", longId + ",1," + hazard + ",3,0,ok"}) {
                for (int padding : PADDINGS) {
                    byte[] bytes = (row + "\n".repeat(padding)).getBytes(StandardCharsets.UTF_8);
                    int length = row.getBytes(StandardCharsets.UTF_8).length; // a digit outside ASCII: two or three bytes
                    assertEquals(ConditionCodes.NOT_COVERED, scorer.conditionBits(bytes, 0, length), row);
                }
            }
        }
        for (String ragged : new String[] {"x,1,-1,3,0", "x,1,-1,3,0,ok,", "x,1,-1,3,0,ok,more", "v".repeat(140) + ",1,-1,3,0",
            "v".repeat(140) + ",1,-1,3,0,ok,", "x,1,-1,3,0,ok," + "v".repeat(140)}) {
            for (int padding : PADDINGS) {
                byte[] bytes = (ragged + "\n".repeat(padding)).getBytes(StandardCharsets.US_ASCII);
                assertEquals(ConditionCodes.NOT_COVERED, scorer.conditionBits(bytes, 0, ragged.length()), ragged);
            }
        }
    }

    @Test
    void aFeatureOfOtherValuesOrAModelOfManyConditionsLeavesThePathOff() throws Exception {
        SplittableRandom random = new SplittableRandom(2);
        Dataset data = dataset(random);
        FittedTransform transform = TransformFitter.fit(data, all(data), TransformOptions.DEFAULTS);
        var encoder = io.netsec.core.data.RowEncoder.frozen(SCHEMA.schema(), data.vocabularies());
        assertNull(ConditionCodes.of(encoder, transform, CompiledModel.of(TinyModels.linear())), "not a tree ensemble");
        // stumps on one input, each with a threshold of its own: 63 conditions fit the bits, 64 do not
        assertNotNull(ConditionCodes.of(encoder, transform, CompiledModel.of(stumps(transform.outputWidth(), 63))),
                "63 conditions");
        assertNull(ConditionCodes.of(encoder, transform, CompiledModel.of(stumps(transform.outputWidth(), 64))),
                "64 conditions");

        // the same rows, but d may be any integer: no small set of values to tabulate
        LoadedSchema open = SchemaLoader.parse("open.yaml", SCHEMA_YAML.replace(
                "{name: d, type: integer, allowed: [-32, -10, -1, 0, 31], min: -20}", "{name: d, type: integer, min: -20}")
                .getBytes(StandardCharsets.UTF_8));
        Dataset openData;
        try (CsvRecordSource source = CsvRecordSource.open("train.csv",
                new ByteArrayInputStream(rows(random, 400, false).getBytes(StandardCharsets.UTF_8)), open.schema())) {
            openData = DatasetReader.read(source, open.schema(), null, null);
        }
        FittedTransform openTransform = TransformFitter.fit(openData, all(openData), TransformOptions.DEFAULTS);
        TreeEnsemble trees = TinyModels.randomTrees(random, openTransform.outputWidth(), TreeEnsemble.Aggregation.MARGIN_SUM, true, 3, 20);
        assertTrue(new CompiledTrees(trees).walksByConditions());
        assertNull(ConditionCodes.of(io.netsec.core.data.RowEncoder.frozen(open.schema(), openData.vocabularies()),
                openTransform, CompiledModel.of(trees)), "d has no list of small integers");
    }

    /** {@code count} one-split trees on input 0, thresholds 0.01 apart: {@code count} conditions. */
    private static TreeEnsemble stumps(int inputs, int count) {
        int n = 3 * count;
        int[] feature = new int[n];
        double[] threshold = new double[n];
        int[] left = new int[n];
        int[] right = new int[n];
        int[] roots = new int[count];
        for (int t = 0; t < count; t++) {
            int root = 3 * t;
            roots[t] = root;
            feature[root] = 0;
            threshold[root] = -0.3 + t * 0.01;
            left[root] = root + 1;
            right[root] = root + 2;
            feature[root + 1] = -1;
            feature[root + 2] = -1;
        }
        double[] weights = new double[count];
        Arrays.fill(weights, 1);
        return new TreeEnsemble(inputs, TreeEnsemble.Aggregation.MARGIN_SUM, true, 0, roots, weights, feature, threshold,
                left, right, new boolean[n], new double[n], new double[n]);
    }

    private static TableHeader header() {
        return TableHeader.match("in.csv", List.of("id", "a", "b", "c", "d", "label"), SCHEMA.schema());
    }

    /** Rows of the flags schema; with hazards, now and then a cell the bits path must refuse, a quote or a ragged row. */
    private static String rows(SplittableRandom random, int count, boolean hazards) {
        StringBuilder text = new StringBuilder("id,a,b,c,d,label\n");
        int[] a = {-1, 0, 1};
        int[] b = {-1, 1};
        int[] d = {-10, -1, 0, 31};
        for (int i = 1; i <= count; i++) {
            String[] cells = {
                // a quoted id goes to Jackson; a long one to the cell-by-cell reading (records of 128 bytes and more)
                random.nextInt(50) == 0 ? "\"id, " + i + "\"" : random.nextInt(30) == 0 ? "r".repeat(120) + i : "r" + i,
                Integer.toString(a[random.nextInt(a.length)]),
                Integer.toString(b[random.nextInt(b.length)]),
                Integer.toString(random.nextInt(13)),
                Integer.toString(d[random.nextInt(d.length)]),
                random.nextBoolean() ? "ok" : "bad"};
            if (hazards && random.nextInt(20) == 0) {
                cells[1 + random.nextInt(4)] = HAZARDS[random.nextInt(HAZARDS.length)];
            }
            text.append(String.join(",", cells));
            if (hazards && random.nextInt(400) == 0) {
                text.append(random.nextBoolean() ? ",extra" : "");
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static Dataset dataset(SplittableRandom random) throws Exception {
        try (CsvRecordSource source = CsvRecordSource.open("train.csv",
                new ByteArrayInputStream(rows(random, 400, false).getBytes(StandardCharsets.UTF_8)), SCHEMA.schema())) {
            return DatasetReader.read(source, SCHEMA.schema(), null, null);
        }
    }

    private static int[] all(Dataset data) {
        int[] rows = new int[data.size()];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    /** A detector over the flags schema, standard scaling, and random trees of few thresholds. */
    private static Detector detector(SplittableRandom random, TreeEnsemble.Aggregation aggregation, boolean float32,
                                     int depth, int trees) throws Exception {
        Dataset data = dataset(random);
        FittedTransform transform = TransformFitter.fit(data, all(data),
                TransformOptions.DEFAULTS.withScaling(TransformOptions.Scaling.STANDARD));
        PortableModel model = TinyModels.randomTrees(random, transform.outputWidth(), aggregation, float32, depth, trees);
        Detector detector = Detector.of(TinyModels.bundleOf(SCHEMA, data, transform, model));
        assertTrue(new CompiledTrees((TreeEnsemble) model).walksByConditions(), "the test's trees must walk by condition bits");
        return detector;
    }
}
