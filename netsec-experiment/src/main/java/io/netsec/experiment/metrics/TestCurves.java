package io.netsec.experiment.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** ROC and precision-recall points of scored, labelled rows: one point per distinct score (ties move together). */
public final class TestCurves {

    private TestCurves() {
    }

    /** (false-positive rate, true-positive rate) from (0, 0) to (1, 1). */
    public static List<double[]> roc(int[] labels, double[] probabilities) {
        long positives = IntStream.of(labels).filter(l -> l == 1).count();
        long negatives = labels.length - positives;
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        sweep(labels, probabilities, (tp, fp) -> points.add(new double[] {
                negatives == 0 ? 0 : (double) fp / negatives, positives == 0 ? 0 : (double) tp / positives}));
        return points;
    }

    /** (recall, precision), starting at recall 0 with the precision of the highest scores. */
    public static List<double[]> precisionRecall(int[] labels, double[] probabilities) {
        long positives = IntStream.of(labels).filter(l -> l == 1).count();
        List<double[]> points = new ArrayList<>();
        sweep(labels, probabilities, (tp, fp) -> {
            double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
            if (points.isEmpty()) {
                points.add(new double[] {0, precision});
            }
            points.add(new double[] {positives == 0 ? 0 : (double) tp / positives, precision});
        });
        return points;
    }

    private interface Counts {
        void at(long truePositives, long falsePositives);
    }

    /** Lowers the threshold through every distinct score, reporting the counts called threats. */
    private static void sweep(int[] labels, double[] probabilities, Counts counts) {
        Integer[] order = IntStream.range(0, labels.length).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed());
        long tp = 0, fp = 0;
        for (int k = 0; k < order.length; k++) {
            if (labels[order[k]] == 1) tp++; else fp++;
            if (k == order.length - 1 || probabilities[order[k + 1]] != probabilities[order[k]]) {
                counts.at(tp, fp);
            }
        }
    }
}
