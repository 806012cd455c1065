package io.netsec.training.model;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic matrix of four classes (benign first, one rare family of 1.5% of the rows, and a
 * family with no row at all when asked), whose classes overlap enough that trees have mixed leaves.
 */
final class FamilyData {

    static final List<String> CLASSES = List.of("normal", "dos", "probe", "u2r");
    static final List<String> FEATURES = List.of("a", "b", "c", "d", "e", "f");

    private FamilyData() {
    }

    /** {@code rows} rows of the classes {@link #CLASSES}; {@code weights} null or one per row. */
    static TrainingMatrix matrix(int rows, long seed) {
        return matrix(rows, seed, CLASSES);
    }

    /**
     * Rows of the first three classes and the rare last class of {@code classes}; a fifth class,
     * if named, gets no row (a family the data lacks).
     */
    static TrainingMatrix matrix(int rows, long seed, List<String> classes) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            double u = random.nextDouble();
            int k = u < 0.015 ? 3 : u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
            y[i] = k;
            double[] row = new double[FEATURES.size()];
            for (int f = 0; f < row.length; f++) {
                // each class shifts two features; rounding makes ties and repeated values, as real data has
                double shift = (f == k || f == k + 2) ? 1.2 : 0;
                row[f] = Math.round((random.nextGaussian() + shift) * 8) / 8.0;
            }
            x[i] = row;
        }
        return new TrainingMatrix(x, y, FEATURES, classes, null);
    }
}
