package io.netsec.training;

import io.netsec.core.transform.TransformOptions;
import io.netsec.training.model.ClassWeights;
import io.netsec.training.model.Trainer;
import io.netsec.training.search.SearchBudget;
import java.util.List;

/**
 * How {@link TrainingPipeline} trains: the honest protocol's settings.
 *
 * @param testFraction       share of rows held out for the one final test (default 0.2)
 * @param folds              cross-validation folds on the training part (default 5)
 * @param seed               seeds the split, the folds, every fit and the bootstrap
 * @param duplicateAware     keep every copy of a feature vector on one side of every split
 * @param targetFalsePositiveRate choose the threshold for this false-positive rate; null: best F1
 * @param transform          imputation, encoding and scaling
 * @param candidates         the search space
 * @param threads            fits that run at once
 * @param bootstrapResamples resamples of the test part for confidence intervals
 * @param finish             what the caller adds to the trained bundle before it is written
 *                           ({@link BundleFinish#NONE}: nothing)
 * @param classWeights       how much each class's rows weigh in every fit ({@link ClassWeights#NONE}: 1 each)
 * @param searchBudget       how many training rows the search's candidates see ({@link SearchBudget#AUTO}:
 *                           all of them up to 60,000, else successive halving on samples)
 */
public record TrainingOptions(
        double testFraction,
        int folds,
        long seed,
        boolean duplicateAware,
        Double targetFalsePositiveRate,
        TransformOptions transform,
        List<Trainer> candidates,
        int threads,
        int bootstrapResamples,
        BundleFinish finish,
        ClassWeights classWeights,
        SearchBudget searchBudget) {

    public TrainingOptions {
        searchBudget = searchBudget == null ? SearchBudget.AUTO : searchBudget;
        finish = finish == null ? BundleFinish.NONE : finish;
        classWeights = classWeights == null ? ClassWeights.NONE : classWeights;
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("--test-fraction must be between 0 and 1, got " + testFraction);
        }
        if (folds < 2) {
            throw new IllegalArgumentException("--folds must be at least 2, got " + folds);
        }
        if (targetFalsePositiveRate != null && !(targetFalsePositiveRate >= 0 && targetFalsePositiveRate <= 1)) {
            throw new IllegalArgumentException("--target-fpr must be in [0, 1], got " + targetFalsePositiveRate);
        }
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("the search space is empty");
        }
        if (threads < 1 || bootstrapResamples < 0) {
            throw new IllegalArgumentException("threads must be positive and resamples not negative");
        }
    }

    /** Options with the default search budget. */
    public TrainingOptions(double testFraction, int folds, long seed, boolean duplicateAware, Double targetFalsePositiveRate,
                           TransformOptions transform, List<Trainer> candidates, int threads, int bootstrapResamples,
                           BundleFinish finish, ClassWeights classWeights) {
        this(testFraction, folds, seed, duplicateAware, targetFalsePositiveRate, transform, candidates, threads,
                bootstrapResamples, finish, classWeights, SearchBudget.AUTO);
    }

    /** Options whose rows weigh 1 each. */
    public TrainingOptions(double testFraction, int folds, long seed, boolean duplicateAware, Double targetFalsePositiveRate,
                           TransformOptions transform, List<Trainer> candidates, int threads, int bootstrapResamples,
                           BundleFinish finish) {
        this(testFraction, folds, seed, duplicateAware, targetFalsePositiveRate, transform, candidates, threads,
                bootstrapResamples, finish, ClassWeights.NONE);
    }

    /** Options that add nothing to the trained bundle. */
    public TrainingOptions(double testFraction, int folds, long seed, boolean duplicateAware, Double targetFalsePositiveRate,
                           TransformOptions transform, List<Trainer> candidates, int threads, int bootstrapResamples) {
        this(testFraction, folds, seed, duplicateAware, targetFalsePositiveRate, transform, candidates, threads,
                bootstrapResamples, BundleFinish.NONE);
    }

    /** These options, with {@code newFinish} applied to the trained bundle before it is written. */
    public TrainingOptions withFinish(BundleFinish newFinish) {
        return new TrainingOptions(testFraction, folds, seed, duplicateAware, targetFalsePositiveRate, transform,
                candidates, threads, bootstrapResamples, newFinish, classWeights, searchBudget);
    }

    /** The defaults: 80/20 stratified split, 5 folds, seed 42, best-F1 threshold, the default search space. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(0.2, 5, 42, false, null, TransformOptions.DEFAULTS, SearchSpaces.standard(),
                Math.max(1, Runtime.getRuntime().availableProcessors()), 1000);
    }

    public TrainingOptions withSeed(long newSeed) {
        return new TrainingOptions(testFraction, folds, newSeed, duplicateAware, targetFalsePositiveRate, transform,
                candidates, threads, bootstrapResamples, finish, classWeights, searchBudget);
    }

    public TrainingOptions withDuplicateAware(boolean aware) {
        return new TrainingOptions(testFraction, folds, seed, aware, targetFalsePositiveRate, transform, candidates,
                threads, bootstrapResamples, finish, classWeights, searchBudget);
    }

    public TrainingOptions withCandidates(List<Trainer> newCandidates) {
        return new TrainingOptions(testFraction, folds, seed, duplicateAware, targetFalsePositiveRate, transform,
                newCandidates, threads, bootstrapResamples, finish, classWeights, searchBudget);
    }

    public TrainingOptions withFolds(int newFolds) {
        return new TrainingOptions(testFraction, newFolds, seed, duplicateAware, targetFalsePositiveRate, transform,
                candidates, threads, bootstrapResamples, finish, classWeights, searchBudget);
    }

    public TrainingOptions withBootstrapResamples(int resamples) {
        return new TrainingOptions(testFraction, folds, seed, duplicateAware, targetFalsePositiveRate, transform,
                candidates, threads, resamples, finish, classWeights, searchBudget);
    }

    public TrainingOptions withClassWeights(ClassWeights weights) {
        return new TrainingOptions(testFraction, folds, seed, duplicateAware, targetFalsePositiveRate, transform,
                candidates, threads, bootstrapResamples, finish, weights, searchBudget);
    }

    public TrainingOptions withSearchBudget(SearchBudget budget) {
        return new TrainingOptions(testFraction, folds, seed, duplicateAware, targetFalsePositiveRate, transform,
                candidates, threads, bootstrapResamples, finish, classWeights, budget);
    }
}
