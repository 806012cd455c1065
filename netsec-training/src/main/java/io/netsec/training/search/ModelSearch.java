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
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
     * @param candidates every candidate's cross-validation result, in search order
     * @param selected   the index of the selected candidate in {@code candidates}
     * @param folds      the folds (indices into the data set) the candidates were compared on
     */
    public record Outcome(List<CandidateResult> candidates, int selected, List<int[]> folds) {
        public CandidateResult selectedCandidate() {
            return candidates.get(selected);
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
                ClassTarget.threatOrBenign(data), ClassWeights.NONE, progress);
    }

    /**
     * As {@link #run(Dataset, int[], List, int, long, boolean, TransformOptions, int, Consumer)},
     * the models learning {@code target}'s classes with rows weighted by {@code weights}.
     */
    public static Outcome run(Dataset data, int[] trainRows, List<Trainer> candidates, int folds, long seed,
                              boolean duplicateAware, TransformOptions transformOptions, int threads,
                              ClassTarget target, ClassWeights weights, Consumer<String> progress) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("the search space is empty");
        }
        List<int[]> foldRows = DataSplitter.folds(data, trainRows, folds, seed, duplicateAware);
        List<FoldData> foldData = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            foldData.add(FoldData.of(data, DataSplitter.concatExcept(foldRows, f), foldRows.get(f), transformOptions,
                    target, weights));
        }
        int[] position = new int[data.size()];
        for (int i = 0; i < trainRows.length; i++) {
            position[trainRows[i]] = i;
        }
        int tasks = candidates.size() * folds;
        FoldScore[][] scores = new FoldScore[candidates.size()][folds];
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "netsec-search");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int candidate : longestFirst(candidates)) {
                for (int f = 0; f < folds; f++) {
                    int fold = f;
                    futures.add(pool.submit(() -> {
                        scores[candidate][fold] = scoreFold(candidates.get(candidate), foldData.get(fold), seed + fold);
                        progress.accept(String.format("search: %d/%d fits done (%s, fold %d)", done.incrementAndGet(),
                                tasks, candidates.get(candidate).family(), fold + 1));
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
        List<CandidateResult> results = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            results.add(summarise(candidates.get(c), scores[c], trainRows.length, position));
        }
        return new Outcome(results, CandidateSelection.oneStandardError(results), foldRows);
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
                             double score, boolean exportable, String reason, double cost) {
    }

    private static FoldScore scoreFold(Trainer trainer, FoldData fold, long seed) {
        boolean families = fold.train().hasFamilies();
        try (TrainedModel trained = trainer.fit(fold.train(), seed)) {
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
                    reason, cost);
        }
    }

    private static CandidateResult summarise(Trainer trainer, FoldScore[] folds, int trainSize, int[] position) {
        double[] outOfFold = new double[trainSize];
        double[][] outOfFoldClasses = folds[0].classProbabilities() == null ? null : new double[trainSize][];
        double[] auc = new double[folds.length];
        double accuracy = 0, logLoss = 0, cost = 0;
        boolean exportable = true;
        String reason = null;
        for (int f = 0; f < folds.length; f++) {
            FoldScore fold = folds[f];
            for (int i = 0; i < fold.rows().length; i++) {
                outOfFold[position[fold.rows()[i]]] = fold.probabilities()[i];
                if (outOfFoldClasses != null) {
                    outOfFoldClasses[position[fold.rows()[i]]] = fold.classProbabilities()[i];
                }
            }
            auc[f] = fold.score();
            accuracy += fold.metrics().accuracy() / folds.length;
            logLoss += fold.metrics().logLoss() / folds.length;
            cost += fold.cost() / folds.length;
            exportable &= fold.exportable();
            reason = reason != null ? reason : fold.reason();
        }
        double mean = CandidateSelection.mean(auc);
        double standardError = CandidateSelection.standardError(auc);
        return new CandidateResult(trainer.family(), trainer.parameters(), exportable, reason, auc, mean, standardError,
                accuracy, logLoss, exportable ? cost : Double.NaN, outOfFold, outOfFoldClasses);
    }
}
