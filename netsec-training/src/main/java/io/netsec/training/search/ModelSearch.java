package io.netsec.training.search;

import io.netsec.core.data.Dataset;
import io.netsec.core.model.ClassModel;
import io.netsec.core.model.PortableModel;
import io.netsec.core.transform.TransformOptions;
import io.netsec.experiment.metrics.BinaryMetrics;
import io.netsec.experiment.metrics.MetricsCalculator;
import io.netsec.experiment.metrics.MultiClassAuc;
import io.netsec.experiment.search.CandidateResult;
import io.netsec.experiment.search.CandidateSelection;
import io.netsec.experiment.search.ScoringCost;
import io.netsec.experiment.split.DataSplitter;
import io.netsec.training.model.ClassWeights;
import io.netsec.training.model.NotExportableException;
import io.netsec.training.model.TrainedModel;
import io.netsec.training.model.Trainer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Cross-validates every candidate on the training part only and selects one by the
 * one-standard-error rule ({@link CandidateSelection}): among exportable candidates whose mean ROC AUC is within one standard
 * error of the best, the one that scores fastest. With attack families the score of a fold is the
 * macro-averaged one-vs-rest ROC AUC of the class probabilities ({@link MultiClassAuc#macro}).
 * The test part never reaches this class.
 */
public final class ModelSearch {

    private ModelSearch() {
    }

    /**
     * The outcome of a search.
     *
     * @param candidates every candidate's cross-validation result (from the last rung it reached), in
     *                   search order
     * @param selected   the index of the selected candidate in {@code candidates}
     * @param folds      the folds (indices into the data set) the last rung's candidates were compared on
     * @param rungs      the rungs the search ran: one with every candidate on every training row, or
     *                   a budgeted search's samples ({@link SearchBudget})
     */
    public record Outcome(List<CandidateResult> candidates, int selected, List<int[]> folds, List<RungResult> rungs) {
        public CandidateResult selectedCandidate() {
            return candidates.get(selected);
        }

        /** Whether the candidates were compared on samples of the training part. */
        public boolean sampled(int trainRows) {
            return rungs.size() > 1 || rungs.get(0).rows() < trainRows;
        }
    }

    /**
     * One rung of a search.
     *
     * @param rows       the training rows (a stratified sample of the training part, or all of it) its
     *                   candidates were cross-validated on
     * @param candidates the indices of the candidates it compared
     */
    public record RungResult(int rows, List<Integer> candidates) {
        public RungResult {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * @param data          the whole data set (only {@code trainRows} are read)
     * @param trainRows     the training part
     * @param candidates    the trainers to compare
     * @param folds         number of cross-validation folds
     * @param seed          seeds the folds and every fit
     * @param duplicateAware whether copies of a feature vector stay in one fold
     * @param transformOptions how inputs are transformed (fitted inside each fold)
     * @param threads       how many fits run at once
     * @param progress      told a line per finished fit
     */
    public static Outcome run(Dataset data, int[] trainRows, List<Trainer> candidates, int folds, long seed,
                              boolean duplicateAware, TransformOptions transformOptions, int threads,
                              Consumer<String> progress) {
        return run(data, trainRows, candidates, folds, seed, duplicateAware, transformOptions, threads,
                ClassTarget.threatOrBenign(data), ClassWeights.NONE, SearchBudget.AUTO, progress);
    }

    /**
     * As {@link #run(Dataset, int[], List, int, long, boolean, TransformOptions, int, Consumer)},
     * the models learning {@code target}'s classes with rows weighted by {@code weights}, the
     * candidates seeing as many rows as {@code budget} plans.
     */
    public static Outcome run(Dataset data, int[] trainRows, List<Trainer> candidates, int folds, long seed,
                              boolean duplicateAware, TransformOptions transformOptions, int threads,
                              ClassTarget target, ClassWeights weights, SearchBudget budget, Consumer<String> progress) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("the search space is empty");
        }
        List<SearchBudget.Rung> plan = budget.plan(candidates.size(), trainRows.length);
        SearchProgress tracker = new SearchProgress(candidates, plan, folds, progress);
        CandidateResult[] results = new CandidateResult[candidates.size()];
        List<RungResult> rungs = new ArrayList<>();
        List<Integer> alive = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            alive.add(c);
        }
        List<int[]> foldRows = List.of();
        for (int r = 0; r < plan.size(); r++) {
            // The whole training part keeps the folds of a search without rungs; a sample is drawn per rung.
            int[] rows = plan.get(r).rows() >= trainRows.length ? trainRows
                    : DataSplitter.sample(data, trainRows, plan.get(r).rows(), seed + 7919L * (r + 1), duplicateAware);
            if (plan.size() > 1) {
                progress.accept(String.format("search: rung %d of %d, %d candidates on %d of %d training rows",
                        r + 1, plan.size(), alive.size(), rows.length, trainRows.length));
            }
            foldRows = DataSplitter.folds(data, rows, folds, seed, duplicateAware);
            FoldScore[][] scores = runRung(data, rows, foldRows, candidates, alive, seed, transformOptions, threads,
                    target, weights, tracker);
            for (int c : alive) {
                results[c] = summarise(candidates.get(c), scores[c], rows);
            }
            rungs.add(new RungResult(rows.length, alive));
            if (r + 1 < plan.size()) {
                alive = best(results, alive, plan.get(r + 1).candidates());
            }
        }
        List<CandidateResult> all = List.of(results);
        return new Outcome(all, CandidateSelection.oneStandardError(all, alive), foldRows, rungs);
    }

    /** Every {@code alive} candidate on every fold of {@code rows}; the others' entries stay null. */
    private static FoldScore[][] runRung(Dataset data, int[] rows, List<int[]> foldRows, List<Trainer> candidates,
                                         List<Integer> alive, long seed, TransformOptions transformOptions, int threads,
                                         ClassTarget target, ClassWeights weights, SearchProgress tracker) {
        int folds = foldRows.size();
        List<FoldData> foldData = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            foldData.add(FoldData.of(data, DataSplitter.concatExcept(foldRows, f), foldRows.get(f), transformOptions,
                    target, weights));
        }
        FoldScore[][] scores = new FoldScore[candidates.size()][folds];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "netsec-search");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int candidate : longestFirst(candidates)) {
                if (!alive.contains(candidate)) {
                    continue;
                }
                for (int f = 0; f < folds; f++) {
                    int fold = f;
                    futures.add(pool.submit(() -> {
                        scores[candidate][fold] = scoreFold(candidates.get(candidate), foldData.get(fold), seed + fold);
                        tracker.fitDone(candidate, fold, rows.length);
                    }));
                }
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the search was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return scores;
    }

    /**
     * The {@code keep} best of {@code alive} by mean score, exportable ones first (only they can be
     * selected), ties in search order; returned in search order.
     */
    static List<Integer> best(CandidateResult[] results, List<Integer> alive, int keep) {
        List<Integer> ranked = new ArrayList<>(alive);
        ranked.sort(Comparator.comparing((Integer c) -> !results[c].exportable())
                .thenComparingDouble(c -> -results[c].meanRocAuc()));
        List<Integer> kept = new ArrayList<>(ranked.subList(0, Math.min(keep, ranked.size())));
        kept.sort(Comparator.naturalOrder());
        return kept;
    }

    /**
     * The candidates' indices, the most expensive first (by {@link Trainer#relativeCost()}, ties
     * in search order): with the long fits started first, the workers finish at about the same
     * time instead of one waiting on a long fit started last. Every fit is seeded by its fold
     * alone and stored by its index, so the order changes no result.
     */
    static List<Integer> longestFirst(List<Trainer> candidates) {
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            order.add(c);
        }
        order.sort(Comparator.comparingDouble((Integer c) -> -candidates.get(c).relativeCost()));
        return order;
    }

    /**
     * One candidate on one fold: threat probabilities, class probabilities (families only, else
     * null), and the fold's selection score.
     */
    private record FoldScore(int[] rows, double[] probabilities, double[][] classProbabilities, BinaryMetrics metrics,
                             double score, boolean exportable, String reason, double cost, double fitSeconds) {
    }

    private static FoldScore scoreFold(Trainer trainer, FoldData fold, long seed) {
        boolean families = fold.train().hasFamilies();
        long fitStart = System.nanoTime();
        try (TrainedModel trained = trainer.fit(fold.train(), seed)) {
            double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
            double[] probabilities;
            double[][] classProbabilities = null;
            boolean exportable = true;
            String reason = null;
            double cost;
            try {
                PortableModel portable = trained.export();
                probabilities = new double[fold.validation().length];
                for (int i = 0; i < probabilities.length; i++) {
                    probabilities[i] = portable.threatProbability(fold.validation()[i]);
                }
                if (families) {
                    classProbabilities = new double[probabilities.length][];
                    for (int i = 0; i < probabilities.length; i++) {
                        classProbabilities[i] = ((ClassModel) portable).classProbabilities(fold.validation()[i]);
                    }
                }
                cost = ScoringCost.perRecord(portable, fold.validation());
            } catch (NotExportableException e) {
                exportable = false;
                reason = e.getMessage();
                probabilities = trained.libraryThreatProbabilities(fold.validation());
                classProbabilities = families ? trained.libraryClassProbabilities(fold.validation()) : null;
                cost = Double.NaN;
            }
            BinaryMetrics metrics = new MetricsCalculator(fold.validationLabels(), probabilities).compute(0.5);
            double score = families ? MultiClassAuc.macro(fold.validationClasses(), classProbabilities,
                    fold.train().classCount()) : metrics.rocAuc();
            return new FoldScore(fold.validationRows(), probabilities, classProbabilities, metrics, score, exportable,
                    reason, cost, fitSeconds);
        }
    }

    /** A candidate's figures over the folds of {@code rows}, its out-of-fold scores in the order of {@code rows}. */
    private static CandidateResult summarise(Trainer trainer, FoldScore[] folds, int[] rows) {
        Map<Integer, Integer> position = new HashMap<>(rows.length * 2);
        for (int i = 0; i < rows.length; i++) {
            position.put(rows[i], i);
        }
        double[] outOfFold = new double[rows.length];
        double[][] outOfFoldClasses = folds[0].classProbabilities() == null ? null : new double[rows.length][];
        double[] auc = new double[folds.length];
        double accuracy = 0, logLoss = 0, cost = 0, fitSeconds = 0;
        boolean exportable = true;
        String reason = null;
        for (int f = 0; f < folds.length; f++) {
            FoldScore fold = folds[f];
            for (int i = 0; i < fold.rows().length; i++) {
                int at = position.get(fold.rows()[i]);
                outOfFold[at] = fold.probabilities()[i];
                if (outOfFoldClasses != null) {
                    outOfFoldClasses[at] = fold.classProbabilities()[i];
                }
            }
            auc[f] = fold.score();
            accuracy += fold.metrics().accuracy() / folds.length;
            logLoss += fold.metrics().logLoss() / folds.length;
            cost += fold.cost() / folds.length;
            fitSeconds += fold.fitSeconds() / folds.length;
            exportable &= fold.exportable();
            reason = reason != null ? reason : fold.reason();
        }
        double mean = CandidateSelection.mean(auc);
        double standardError = CandidateSelection.standardError(auc);
        return new CandidateResult(trainer.family(), trainer.parameters(), exportable, reason, auc, mean, standardError,
                accuracy, logLoss, exportable ? cost : Double.NaN, outOfFold, outOfFoldClasses, fitSeconds,
                rows.clone());
    }
}
