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

    private static Dataset binary(int[] labels) {
        return new Dataset(SCHEMA, "split.csv", null, List.of(List.of()), features(labels.length), labels.clone(),
                rowNumbers(labels.length));
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

    @Test
    void aDuplicateGroupCountsAsItsMostFrequentFamily() {
        assertEquals(1, new Strata(new int[] {1, 2, 1, 0}, 3).majority(new int[] {0, 1, 2}));
        assertEquals(2, new Strata(new int[] {1, 2, 0}, 3).majority(new int[] {0, 1}), "ties go to the higher class");
        assertEquals(1, new Strata(new int[] {0, 1}, 2).majority(new int[] {0, 1}), "a binary tie is a threat, as before");
    }
}
