package io.netsec.cli;

import io.netsec.core.transform.TransformOptions;
import io.netsec.training.SearchSpaces;
import io.netsec.training.TrainingOptions;
import io.netsec.training.model.ClassWeights;
import io.netsec.training.search.SearchBudget;
import java.util.List;
import picocli.CommandLine.Option;

/** The protocol options shared by {@code train}, {@code evaluate} and {@code quickstart}. */
public final class TrainingOptionsMixin {

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "Share of rows held out for the final test (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds for model selection (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of splits, folds and fits; the same seed gives the same model (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--duplicate-aware", description = "Keep every copy of a feature vector on one side of every split (honest figures on data with duplicates).")
    boolean duplicateAware;

    @Option(names = "--target-fpr", description = "Choose the threshold for this false-positive rate (default: the threshold with the best F1).")
    Double targetFalsePositiveRate;

    @Option(names = "--models", split = ",", description = "Model families to compare (default: all): random_forest, xgboost, logistic, j48, adaboost_j48 (or adaboost; not with a schema of attack families).")
    List<String> families;

    @Option(names = "--threads", description = "Fits run at once (default: the number of cores).")
    Integer threads;

    @Option(names = "--imputation", defaultValue = "median", description = "Numeric imputation: median, mean, most_frequent, knn (default: ${DEFAULT-VALUE}).")
    TransformOptions.Imputation imputation;

    @Option(names = "--encoding", defaultValue = "one_hot", description = "Categorical encoding: one_hot or ordinal (default: ${DEFAULT-VALUE}).")
    TransformOptions.Encoding encoding;

    @Option(names = "--scaling", defaultValue = "none", description = "Numeric scaling: none, standard, min_max (default: ${DEFAULT-VALUE}).")
    TransformOptions.Scaling scaling;

    @Option(names = "--class-weights", defaultValue = "none", description = "How much each class's rows weigh in the fits: none, or balanced (each class as much in total, for rare attack families) (default: ${DEFAULT-VALUE}).")
    ClassWeights classWeights;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples for the test metrics' 95%% intervals (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--search", defaultValue = "auto", description = "How many training rows the candidates see: auto (all of them up to 60,000; above, successive halving: every candidate on a stratified sample of 10,000 rows, the best third on one three times larger, until one is left, and AdaBoost left out unless --models names it; recorded in the manifest) or full (every candidate on every row) (default: ${DEFAULT-VALUE}).")
    String search;

    TrainingOptions toOptions() {
        return toOptions(false);
    }

    /** The options for a schema whose label has attack families ({@code labelFamilies}) or not. */
    TrainingOptions toOptions(boolean labelFamilies) {
        TrainingOptions defaults = TrainingOptions.defaults();
        TransformOptions.Imputation categorical = imputation == TransformOptions.Imputation.KNN
                ? TransformOptions.Imputation.KNN : TransformOptions.Imputation.MOST_FREQUENT;
        TransformOptions transform = TransformOptions.DEFAULTS.withImputation(imputation, categorical)
                .withEncoding(encoding).withScaling(scaling);
        try {
            return new TrainingOptions(testFraction, folds, seed, duplicateAware, targetFalsePositiveRate, transform,
                    SearchSpaces.standard(families, labelFamilies), threads == null ? defaults.threads() : threads,
                    bootstrap, null, classWeights, searchBudget());
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(ExitCodes.USAGE, e.getMessage());
        }
    }

    private SearchBudget searchBudget() {
        return switch (search.toLowerCase(java.util.Locale.ROOT)) {
            // a search space the user named is searched whole, however large the data
            case "auto" -> families == null || families.isEmpty() ? SearchBudget.AUTO
                    : SearchBudget.AUTO.keepingEveryCandidate();
            case "full" -> SearchBudget.FULL;
            default -> throw new UserFacingException(ExitCodes.USAGE, "--search must be auto or full, got '" + search + "'");
        };
    }
}
