package io.netsec.experiment.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.data.Dataset;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DataSplitterTest {

    private static final DataSchema SCHEMA = SchemaLoader.parse("split.yaml", """
            name: split
            columns:
              - {name: x, type: number}
              - {name: label, type: string, role: label}
            label:
              column: label
              benign: [normal]
              families:
                dos: [neptune]
                u2r: [rootkit]
            """.getBytes(StandardCharsets.UTF_8)).schema();

    /** Rows 0..n-1 with distinct features; {@code classes[i]} is row i's class (0 normal, 1 dos, 2 u2r). */
    private static Dataset withFamilies(int[] classes) {
        List<String> names = SCHEMA.label().classNames();
        return new Dataset(SCHEMA, "split.csv", null, List.of(List.of()), features(classes.length),
                Arrays.stream(classes).map(c -> c == 0 ? 0 : 1).toArray(), rowNumbers(classes.length),
                names, classes.clone());
    }

    /** {@code normal} benign rows, then {@code dos} dos rows, then {@code u2r} u2r rows. */
    private static int[] classes(int normal, int dos, int u2r) {
        return IntStream.concat(IntStream.concat(IntStream.generate(() -> 0).limit(normal),
                IntStream.generate(() -> 1).limit(dos)), IntStream.generate(() -> 2).limit(u2r)).toArray();
    }

    private static double[][] features(int n) {
        return IntStream.range(0, n).mapToObj(i -> new double[] {i}).toArray(double[][]::new);
    }

    private static long[] rowNumbers(int n) {
        return IntStream.rangeClosed(1, n).asLongStream().toArray();
    }

    private static int count(int[] rows, int[] classes, int c) {
        return (int) Arrays.stream(rows).filter(row -> classes[row] == c).count();
    }

    @Test
    void foldsAreStratifiedByFamily() {
        int[] classes = classes(50, 40, 10);
        Dataset data = withFamilies(classes);
        for (boolean duplicateAware : new boolean[] {false, true}) {
            List<int[]> folds = DataSplitter.folds(data, DataSplitter.all(data), 5, 42, duplicateAware);
            for (int[] fold : folds) {
                assertEquals(10, count(fold, classes, 0));
                assertEquals(8, count(fold, classes, 1));
                assertEquals(2, count(fold, classes, 2), "each fold has its fifth of the u2r rows");
            }
        }
    }

    @Test
    void theHoldoutIsStratifiedByFamily() {
        int[] classes = classes(50, 40, 10);
        Dataset data = withFamilies(classes);
        DataSplitter.Holdout fifth = DataSplitter.holdout(data, DataSplitter.all(data), 0.2, 7, false);
        assertEquals(2, count(fifth.test(), classes, 2));
        assertEquals(8, count(fifth.test(), classes, 1));
        DataSplitter.Holdout third = DataSplitter.holdout(data, DataSplitter.all(data), 0.3, 7, false);
        assertEquals(3, count(third.test(), classes, 2), "round(10 * 0.3) u2r rows");
        assertEquals(12, count(third.test(), classes, 1));
        assertEquals(15, count(third.test(), classes, 0));
    }

    @Test
    void aSampleKeepsEachClassShareWhateverItsSize() {
        int[] classes = classes(5_000, 4_000, 1_000);
        Dataset data = withFamilies(classes);
        int[] sample = DataSplitter.sample(data, DataSplitter.all(data), 100, 3, false);
        assertEquals(100, sample.length);
        assertEquals(50, count(sample, classes, 0));
        assertEquals(40, count(sample, classes, 1));
        assertEquals(10, count(sample, classes, 2));
        assertTrue(IntStream.range(1, sample.length).allMatch(i -> sample[i - 1] < sample[i]), "in index order");
        assertArrayEquals(sample, DataSplitter.sample(data, DataSplitter.all(data), 100, 3, false), "seeded");
        assertEquals(10_000, DataSplitter.sample(data, DataSplitter.all(data), 20_000, 3, false).length,
                "never more than the rows");
    }

    @Test
    void aFamilyWithFewerRowsThanFoldsGoesOneRowToAFold() {
        // As U2R in the NSL-KDD head file: 4 rows, 10 folds. Four folds get one row each, six none;
        // nothing fails here (whether a model trains without a class is the trainer's affair).
        int[] classes = classes(60, 36, 4);
        Dataset data = withFamilies(classes);
        List<int[]> folds = DataSplitter.folds(data, DataSplitter.all(data), 10, 42, false);
        int[] u2rPerFold = folds.stream().mapToInt(fold -> count(fold, classes, 2)).sorted().toArray();
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1}, u2rPerFold);
        assertEquals(100, folds.stream().mapToInt(fold -> fold.length).sum());
        DataSplitter.Holdout holdout = DataSplitter.holdout(data, DataSplitter.all(data), 0.25, 42, false);
        assertEquals(1, count(holdout.test(), classes, 2), "a quarter of 4 rows");
    }

    /** The split of a data set without families, written as text: each fold, then two hold-outs. */
    static String binarySplits() {
        // 40 rows, a threat every third row; rows 5 to 7 are copies of one vector, as are rows 20 and 21.
        int[] labels = IntStream.range(0, 40).map(i -> i % 3 == 0 ? 1 : 0).toArray();
        double[][] features = features(40);
        features[6] = features[5].clone();
        features[7] = features[5].clone();
        features[21] = features[20].clone();
        Dataset data = new Dataset(SCHEMA, "split.csv", null, List.of(List.of()), features, labels, rowNumbers(40));
        StringBuilder text = new StringBuilder();
        for (boolean duplicateAware : new boolean[] {false, true}) {
            DataSplitter.folds(data, DataSplitter.all(data), 4, 11, duplicateAware)
                    .forEach(fold -> text.append(Arrays.toString(fold)).append('\n'));
        }
        text.append(Arrays.toString(DataSplitter.holdout(data, DataSplitter.all(data), 0.2, 11, true).test())).append('\n');
        text.append(Arrays.toString(DataSplitter.holdout(data, DataSplitter.all(data), 0.3, 11, false).test()));
        return text.toString();
    }

    @Test
    void aDataSetWithoutFamiliesSplitsExactlyAsBefore() {
        // Recorded from DataSplitter before families (s10-int), which stratified by threat or benign.
        assertEquals(BINARY_SPLITS_BEFORE, binarySplits());
    }

    private static final String BINARY_SPLITS_BEFORE = """
            [6, 7, 8, 10, 14, 15, 24, 29, 37, 39]
            [5, 9, 13, 16, 22, 25, 27, 28, 35, 36]
            [0, 1, 2, 11, 12, 17, 21, 32, 33, 34]
            [3, 4, 18, 19, 20, 23, 26, 30, 31, 38]
            [5, 6, 7, 10, 15, 18, 19, 30, 33, 35]
            [0, 2, 8, 20, 21, 23, 25, 29, 31, 34]
            [1, 3, 4, 9, 13, 14, 17, 22, 24, 36]
            [11, 12, 16, 26, 27, 28, 32, 37, 38, 39]
            [3, 5, 6, 7, 9, 17, 26, 30]
            [0, 1, 5, 8, 11, 15, 16, 18, 19, 23, 27, 29]""";

    @Test
    void aDuplicateGroupCountsAsItsMostFrequentFamily() {
        assertEquals(1, new Strata(new int[] {1, 2, 1, 0}, 3).majority(new int[] {0, 1, 2}));
        assertEquals(2, new Strata(new int[] {1, 2, 0}, 3).majority(new int[] {0, 1}), "ties go to the higher class");
        assertEquals(1, new Strata(new int[] {0, 1}, 2).majority(new int[] {0, 1}), "a binary tie is a threat, as before");
    }

    @Test
    void theClassesAloneGiveTheSameSplitAndFoldsAsTheDataSet() {
        int[] classes = classes(500, 300, 37);
        Dataset data = withFamilies(classes);
        for (double fraction : new double[] {0.2, 0.3}) {
            DataSplitter.Holdout expected = DataSplitter.holdout(data, DataSplitter.all(data), fraction, 42, false);
            DataSplitter.Holdout actual = DataSplitter.holdout(classes, 3, fraction, 42);
            assertArrayEquals(expected.test(), actual.test());
            assertArrayEquals(expected.train(), actual.train());
            List<int[]> expectedFolds = DataSplitter.folds(data, expected.train(), 5, 7, false);
            List<int[]> actualFolds = DataSplitter.folds(classes, 3, actual.train(), 5, 7);
            for (int f = 0; f < 5; f++) {
                assertArrayEquals(expectedFolds.get(f), actualFolds.get(f));
            }
        }
    }
}
