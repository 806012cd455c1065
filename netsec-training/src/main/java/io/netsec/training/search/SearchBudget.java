package io.netsec.training.search;

import io.netsec.training.model.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How many training rows a search's candidates see. Up to {@code fullSearchRows} every candidate
 * is cross-validated on the whole training part. Above it the search is successive halving: every
 * candidate is cross-validated on a stratified sample of {@code firstRungRows} rows, the best
 * {@code 1/keepFactor} of them (by mean score) again on a sample {@code keepFactor} times larger,
 * and so on until one is left; the one-standard-error rule chooses among the last rung's
 * candidates. A sample never exceeds the training part. Above {@code fullSearchRows} a budget that
 * {@code leavesOutNonScaling} also leaves out the candidates whose
 * {@link Trainer#searchRowLimit()} is below the training part (the default search space does; one
 * the user named keeps every candidate).
 *
 * @param fullSearchRows      the largest training part searched in full
 * @param firstRungRows       the rows of the first rung's sample
 * @param keepFactor          each rung keeps the best {@code ceil(candidates / keepFactor)} and multiplies
 *                            its sample by this
 * @param leavesOutNonScaling whether candidates that do not scale to the training part are left out
 */
public record SearchBudget(int fullSearchRows, int firstRungRows, int keepFactor, boolean leavesOutNonScaling) {

    /**
     * The default: a full search up to 60,000 training rows (the phishing data's 8,844 and the
     * NSL-KDD sample are searched in full, as before), else rungs of 10,000, 30,000, 90,000...
     * rows, AdaBoost left out. Measured on phishing-like rows drawn by {@code netsec data generate}
     * (BENCHMARKS.md): on 16,000 rows a fit took XGBoost 1.4 s, J48 and the logistic regression
     * 3.5 s, the random forest 19 s, and AdaBoost over J48 took 6 minutes on 64,000.
     */
    public static final SearchBudget AUTO = new SearchBudget(60_000, 10_000, 3, true);

    /** Every candidate on every training row, whatever their number. */
    public static final SearchBudget FULL = new SearchBudget(Integer.MAX_VALUE, Integer.MAX_VALUE, 3, false);

    public SearchBudget {
        if (fullSearchRows < 1 || firstRungRows < 1 || keepFactor < 2) {
            throw new IllegalArgumentException("a search budget needs positive row counts and a keep factor of at"
                    + " least 2");
        }
    }

    /** This budget, keeping every candidate (for a search space the user named). */
    public SearchBudget keepingEveryCandidate() {
        return new SearchBudget(fullSearchRows, firstRungRows, keepFactor, false);
    }

    /**
     * The candidates this budget searches on {@code trainRows} rows; each one left out is told to
     * {@code leftOut} with the reason. All of them when none would be left.
     */
    public List<Trainer> candidates(List<Trainer> candidates, int trainRows, Consumer<String> leftOut) {
        if (!leavesOutNonScaling || !samples(trainRows)) {
            return candidates;
        }
        List<Trainer> kept = candidates.stream().filter(trainer -> trainer.searchRowLimit() >= trainRows).toList();
        if (kept.isEmpty()) {
            return candidates;
        }
        candidates.stream().filter(trainer -> !kept.contains(trainer)).forEach(trainer -> leftOut.accept(String.format(
                "%s: does not scale to %,d training rows (searched up to %,d; --models %s searches it)",
                trainer.family(), trainRows, trainer.searchRowLimit(), trainer.family())));
        return kept;
    }

    /**
     * One rung of a search.
     *
     * @param rows       the training rows its candidates are cross-validated on
     * @param candidates how many candidates it compares
     */
    public record Rung(int rows, int candidates) {
    }

    /** The rungs for {@code candidates} candidates on a training part of {@code trainRows} rows. */
    public List<Rung> plan(int candidates, int trainRows) {
        if (trainRows <= fullSearchRows || candidates == 1) {
            return List.of(new Rung(trainRows, candidates));
        }
        List<Rung> rungs = new ArrayList<>();
        long rows = Math.min(firstRungRows, trainRows);
        int left = candidates;
        while (true) {
            rungs.add(new Rung((int) rows, left));
            int kept = (left + keepFactor - 1) / keepFactor;
            if (kept <= 1 || left == kept) {
                return rungs;
            }
            left = kept;
            rows = Math.min(rows * keepFactor, trainRows);
        }
    }

    /** Whether the search on {@code trainRows} rows compares candidates on samples. */
    public boolean samples(int trainRows) {
        return trainRows > fullSearchRows;
    }
}
