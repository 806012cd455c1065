package io.netsec.training.model;

import java.util.Locale;

/** How much each class's rows weigh in a fit; the choice is recorded in the manifest. */
public enum ClassWeights {
    /** Every row weighs 1 (as netsec always trained). */
    NONE,
    /**
     * Each class present weighs as much in total: a row of class {@code c} weighs
     * {@code n / (classes present * n_c)}, rounded to a multiple of 1/1024 (at least 1/1024), so
     * that weighted counts add up exactly in any order and the exported trees' leaf shares stay
     * Weka's bit for bit. For rare families (U2R has tens of rows among thousands).
     */
    BALANCED;

    /** The weight of each row of a fit whose rows have the classes {@code y} (of {@code classCount}); null for {@link #NONE}. */
    public double[] of(int[] y, int classCount) {
        if (this == NONE) {
            return null;
        }
        long[] counts = new long[classCount];
        for (int c : y) {
            counts[c]++;
        }
        int present = 0;
        for (long count : counts) {
            present += count > 0 ? 1 : 0;
        }
        double[] perClass = new double[classCount];
        for (int c = 0; c < classCount; c++) {
            double exact = counts[c] == 0 ? 0 : (double) y.length / ((double) present * counts[c]);
            perClass[c] = Math.max(1, Math.round(exact * 1024)) / 1024.0;
        }
        double[] weights = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            weights[i] = perClass[y[i]];
        }
        return weights;
    }

    /** The manifest's name: {@code none} or {@code balanced}. */
    public String manifestName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The manifest's account of the choice. */
    public String describe() {
        return this == NONE ? "none: every row weighs 1"
                : "balanced: a row of class c weighs n / (classes present * n_c) in each fit, rounded to a multiple of 1/1024";
    }
}
