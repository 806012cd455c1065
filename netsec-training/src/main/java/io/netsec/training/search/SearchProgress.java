package io.netsec.training.search;

import io.netsec.training.model.Trainer;
import java.util.List;
import java.util.function.Consumer;

/**
 * The progress line of a search, one per finished fit: how many fits are done, which one, the time
 * so far and an estimate of the time left. The estimate weighs each fit by its trainer's
 * {@link Trainer#relativeCost()} times its rows (later rungs' candidates are not known yet: they
 * count at the mean cost), so it is a guess that improves as fits finish.
 */
final class SearchProgress {

    private final List<Trainer> candidates;
    private final Consumer<String> progress;
    private final long start = System.nanoTime();
    private final int totalFits;
    private final int folds;
    private double remainingCost;
    private double doneCost;
    private int doneFits;

    SearchProgress(List<Trainer> candidates, List<SearchBudget.Rung> plan, int folds, Consumer<String> progress) {
        this.candidates = candidates;
        this.progress = progress;
        this.folds = folds;
        double totalCost = candidates.stream().mapToDouble(Trainer::relativeCost).sum();
        int fits = 0;
        for (SearchBudget.Rung rung : plan) {
            fits += rung.candidates() * folds;
            remainingCost += totalCost * rung.candidates() / candidates.size() * folds * rung.rows();
        }
        this.totalFits = fits;
    }

    /** Told by each fit as it ends (from the search's worker threads). */
    synchronized void fitDone(int candidate, int fold, int rows) {
        double cost = candidates.get(candidate).relativeCost() * rows;
        doneFits++;
        doneCost += cost;
        remainingCost = Math.max(0, remainingCost - cost);
        double elapsed = (System.nanoTime() - start) / 1e9;
        String left = doneFits == totalFits ? "" : ", about " + duration(elapsed / doneCost * remainingCost) + " left";
        progress.accept(String.format("search: %d/%d fits done (%s, fold %d, %,d rows; %s elapsed%s)", doneFits,
                totalFits, candidates.get(candidate).family(), fold + 1, rows, duration(elapsed), left));
    }

    /** "42 s", "3 min 5 s". */
    static String duration(double seconds) {
        long whole = Math.round(seconds);
        return whole < 60 ? whole + " s" : whole / 60 + " min " + whole % 60 + " s";
    }
}
