package io.netsec.experiment.search;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * How one candidate (a model family with fixed hyper-parameters) did in cross-validation on the
 * training part.
 *
 * @param family         the model family
 * @param parameters     its hyper-parameters
 * @param exportable     whether its models export exactly to the portable format (only those can be selected)
 * @param notExportableReason why not, or null
 * @param foldRocAuc     the selection score on each validation fold: ROC AUC, or with attack families the
 *                       macro-averaged one-vs-rest ROC AUC of the class probabilities ({@code MultiClassAuc.macro})
 * @param meanRocAuc     their mean, the selection score
 * @param standardError  standard error of that mean (sd / sqrt(folds))
 * @param meanAccuracy   mean accuracy at threshold 0.5
 * @param meanLogLoss    mean log loss
 * @param scoringCost    tree nodes visited (or weights read) per record: a deterministic proxy for scoring time
 * @param outOfFold      the out-of-fold threat probability of each row of {@code outOfFoldRows} (not written
 *                       to manifests)
 * @param outOfFoldClasses with attack families, the out-of-fold class probabilities of those rows; else null
 * @param meanFitSeconds the mean time of its fits in the search (not written to manifests: it varies by run)
 * @param outOfFoldRows  the rows (indices into the data set) it was cross-validated on: the training part, or
 *                       a budgeted search's sample of it
 */
public record CandidateResult(
        String family,
        Map<String, Object> parameters,
        boolean exportable,
        String notExportableReason,
        double[] foldRocAuc,
        double meanRocAuc,
        double standardError,
        double meanAccuracy,
        double meanLogLoss,
        double scoringCost,
        @JsonIgnore double[] outOfFold,
        @JsonIgnore double[][] outOfFoldClasses,
        @JsonIgnore double meanFitSeconds,
        @JsonIgnore int[] outOfFoldRows) {

    /** The number of training rows it was cross-validated on. */
    public int searchRows() {
        return outOfFold.length;
    }

    /** A candidate of threat or benign. */
    public CandidateResult(String family, Map<String, Object> parameters, boolean exportable, String notExportableReason,
                           double[] foldRocAuc, double meanRocAuc, double standardError, double meanAccuracy,
                           double meanLogLoss, double scoringCost, double[] outOfFold) {
        this(family, parameters, exportable, notExportableReason, foldRocAuc, meanRocAuc, standardError, meanAccuracy,
                meanLogLoss, scoringCost, outOfFold, null, Double.NaN, null);
    }

    /** "family(p=v, ...)", for logs. */
    public String describe() {
        return family + parameters;
    }
}
