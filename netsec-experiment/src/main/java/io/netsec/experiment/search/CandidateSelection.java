package io.netsec.experiment.search;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The one-standard-error rule: among exportable candidates whose mean cross-validation score is
 * within one standard error of the best mean, the one that scores fastest (ties to the better
 * mean, then to search order). The rule of every search, so that a model selected on Spark is
 * selected as {@code netsec train} would have selected it from the same figures.
 */
public final class CandidateSelection {

    /** The rule as a manifest names it ({@code training.search.rule}). */
    public static final String RULE =
            "one_standard_error: the fastest-scoring exportable candidate within one standard error of the best mean";

    private CandidateSelection() {
    }

    /**
     * @return the index in {@code results} of the selected candidate
     * @throws IllegalStateException when no candidate is exportable
     */
    public static int oneStandardError(List<CandidateResult> results) {
        return oneStandardError(results, IntStream.range(0, results.size()).boxed().toList());
    }

    /**
     * The rule among the candidates at {@code eligible} only (a budgeted search's last rung).
     *
     * @return the index in {@code results} of the selected candidate
     * @throws IllegalStateException when no eligible candidate is exportable
     */
    public static int oneStandardError(List<CandidateResult> results, List<Integer> eligible) {
        int best = -1;
        for (int i : eligible) {
            if (results.get(i).exportable() && (best < 0 || results.get(i).meanRocAuc() > results.get(best).meanRocAuc())) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no candidate of the search space exports to the portable format");
        }
        double bar = results.get(best).meanRocAuc() - results.get(best).standardError();
        Comparator<Integer> fastestThenBest = Comparator.<Integer>comparingDouble(i -> results.get(i).scoringCost())
                .thenComparing(i -> -results.get(i).meanRocAuc());
        int chosen = best;
        for (int i : eligible) {
            CandidateResult candidate = results.get(i);
            if (candidate.exportable() && candidate.meanRocAuc() >= bar && fastestThenBest.compare(i, chosen) < 0) {
                chosen = i;
            }
        }
        return chosen;
    }

    /** The mean of the fold scores, the selection score. */
    public static double mean(double[] foldScores) {
        return Arrays.stream(foldScores).average().orElse(Double.NaN);
    }

    /** The standard error of {@link #mean}: the folds' sample standard deviation over the square root of their count. */
    public static double standardError(double[] foldScores) {
        double mean = mean(foldScores);
        double variance = Arrays.stream(foldScores).map(a -> (a - mean) * (a - mean)).sum()
                / Math.max(1, foldScores.length - 1);
        return Math.sqrt(variance / foldScores.length);
    }
}
