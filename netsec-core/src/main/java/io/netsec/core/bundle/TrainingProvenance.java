package io.netsec.core.bundle;

import io.netsec.core.transform.TransformOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The manifest's {@code training}: how the model was made, so that it can be traced and made
 * again. Written by netsec-training; the core only reads and shows it. A part a manifest does
 * not hold is null (a bundle made by hand, or by an older netsec).
 *
 * @param data             the data it was trained and tested on
 * @param split            how the data was split into a training and a test part
 * @param seed             the seed of the split, the folds and the fits
 * @param transformOptions how the transformation was fitted
 * @param search           the candidates compared and how one was selected
 * @param exportCheck      how closely the portable model follows the training library's
 * @param libraryVersions  the version of each library it was trained with, by name ({@code netsec}, {@code java}, ...)
 * @param classes          how the classes were trained: the attack families, class weights (format version 4;
 *                         null for a model of threat or benign trained with every row weighing 1)
 */
public record TrainingProvenance(DataProvenance data, Split split, long seed, TransformOptions transformOptions,
                                 Search search, ExportCheck exportCheck, Map<String, String> libraryVersions,
                                 ClassTraining classes) {

    public TrainingProvenance {
        libraryVersions = BundleManifest.inOrder(libraryVersions);
    }

    /** Provenance without {@link ClassTraining} (a model of threat or benign, rows of weight 1). */
    public TrainingProvenance(DataProvenance data, Split split, long seed, TransformOptions transformOptions,
                              Search search, ExportCheck exportCheck, Map<String, String> libraryVersions) {
        this(data, split, seed, transformOptions, search, exportCheck, libraryVersions, null);
    }

    /**
     * How the classes were trained.
     *
     * @param classes            the model's classes, the benign class first (empty: threat or benign)
     * @param classesWithoutRows classes the schema defines but the data holds no row of, left out of the model
     * @param classWeights       {@code none} (every row weighs 1) or {@code balanced} (each class weighs as much in
     *                           total), and how
     * @param leftOut            candidates the search left out, each with the reason
     */
    public record ClassTraining(List<String> classes, List<String> classesWithoutRows, String classWeights,
                                List<String> leftOut) {
        public ClassTraining {
            classes = List.copyOf(classes);
            classesWithoutRows = List.copyOf(classesWithoutRows);
            leftOut = List.copyOf(leftOut);
        }
    }

    /**
     * The data.
     *
     * @param source                  where it came from (a file, a collection)
     * @param sha256                  SHA-256 of its bytes, or null when it has none (a collection)
     * @param rows                    records read
     * @param threatRows              of them, threats
     * @param trainRows               records in the training part
     * @param testRows                records in the test part
     * @param testRowsWithCopyInTrain test records whose exact feature vector is also in the training part
     * @param duplicateRows           records that repeat an earlier one's feature vector and label (format version 2; null before)
     * @param distinctFeatureVectors  distinct feature vectors (format version 2; null before)
     * @param conflictingVectors      feature vectors seen with both labels (format version 2; null before)
     */
    public record DataProvenance(String source, String sha256, long rows, long threatRows, long trainRows, long testRows,
                                 long testRowsWithCopyInTrain, Long duplicateRows, Long distinctFeatureVectors,
                                 Long conflictingVectors) {
    }

    /**
     * @param kind         {@code stratified} or {@code duplicate_aware_stratified}
     * @param testFraction the share of records held out for the test
     */
    public record Split(String kind, double testFraction) {
    }

    /**
     * @param folds      cross-validation folds on the training part
     * @param score      the figure candidates are compared on ({@code roc_auc})
     * @param rule       how one is selected from their figures
     * @param selected   the index of the selected candidate
     * @param candidates every candidate with its figures (from the last rung it reached)
     * @param budget     how many training rows the candidates and the final fit saw; null in a manifest
     *                   written before budgeted searches (every candidate saw every training row)
     */
    public record Search(int folds, String score, String rule, int selected, List<Candidate> candidates,
                         Budget budget) {
        public Search {
            candidates = candidates == null ? null : List.copyOf(candidates);
        }

        /** A search whose candidates all saw every training row (no budget recorded). */
        public Search(int folds, String score, String rule, int selected, List<Candidate> candidates) {
            this(folds, score, rule, selected, candidates, null);
        }

        /** The selected candidate, or null when the manifest lists none. */
        public Candidate selectedCandidate() {
            return candidates != null && selected >= 0 && selected < candidates.size() ? candidates.get(selected) : null;
        }
    }

    /**
     * The rows a search spent on its candidates and on the final fit.
     *
     * @param method       {@code full} (every candidate on every training row) or {@code successive_halving}
     *                     (every candidate on a stratified sample, the best part of them on larger ones)
     * @param keepFactor   with successive halving, each rung keeps {@code ceil(candidates / keepFactor)}
     *                     candidates and multiplies its sample by this
     * @param rungs        each rung's rows and the candidates (indices into {@link Search#candidates()}) it
     *                     compared; a candidate's figures are those of the last rung it is in
     * @param finalFitRows the training rows the selected model was fitted on: all of them, or a
     *                     stratified sample for a family that does not scale to them
     */
    public record Budget(String method, int keepFactor, List<Rung> rungs, long finalFitRows) {
        public Budget {
            rungs = List.copyOf(rungs);
        }
    }

    /**
     * @param rows       the training rows its candidates were cross-validated on
     * @param candidates the indices of the candidates it compared
     */
    public record Rung(long rows, List<Integer> candidates) {
        public Rung {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * One candidate (a model family with fixed hyper-parameters) and its cross-validation figures.
     *
     * @param family              the model family
     * @param parameters          its hyper-parameters, by name (texts, numbers, booleans)
     * @param exportable          whether its models export exactly (only those can be selected)
     * @param notExportableReason why not, or null
     * @param foldRocAuc          ROC AUC on each validation fold
     * @param meanRocAuc          their mean
     * @param standardError       the standard error of that mean
     * @param meanAccuracy        mean accuracy at threshold 0.5
     * @param meanLogLoss         mean log loss
     * @param scoringCost         tree nodes visited (or weights read) per record
     */
    public record Candidate(String family, Map<String, Object> parameters, boolean exportable, String notExportableReason,
                            double[] foldRocAuc, double meanRocAuc, double standardError, double meanAccuracy,
                            double meanLogLoss, double scoringCost) {
        public Candidate {
            parameters = BundleManifest.inOrder(parameters);
            foldRocAuc = foldRocAuc == null ? null : foldRocAuc.clone();
        }

        @Override
        public double[] foldRocAuc() {
            return foldRocAuc == null ? null : foldRocAuc.clone();
        }

        // A record compares arrays by reference: two loads of one manifest must be equal.
        @Override
        public boolean equals(Object other) {
            return other instanceof Candidate c && family.equals(c.family) && parameters.equals(c.parameters)
                    && exportable == c.exportable && Objects.equals(notExportableReason, c.notExportableReason)
                    && Arrays.equals(foldRocAuc, c.foldRocAuc) && Double.compare(meanRocAuc, c.meanRocAuc) == 0
                    && Double.compare(standardError, c.standardError) == 0 && Double.compare(meanAccuracy, c.meanAccuracy) == 0
                    && Double.compare(meanLogLoss, c.meanLogLoss) == 0 && Double.compare(scoringCost, c.scoringCost) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(family, parameters, Arrays.hashCode(foldRocAuc), meanRocAuc);
        }

        @Override
        public String toString() {
            return "Candidate[family=" + family + ", parameters=" + parameters + ", foldRocAuc=" + Arrays.toString(foldRocAuc)
                    + ", meanRocAuc=" + meanRocAuc + "]";
        }
    }

    /**
     * @param maxAbsDifferenceOnTest the largest difference between the portable model's and the
     *                               library's threat probabilities on the test records
     * @param description            what the figure is
     */
    public record ExportCheck(double maxAbsDifferenceOnTest, String description) {
    }
}
