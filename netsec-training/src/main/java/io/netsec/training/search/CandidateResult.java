package io.netsec.training.search;

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
 * @param foldRocAuc     ROC AUC on each validation fold
 * @param meanRocAuc     their mean, the selection score
 * @param standardError  standard error of that mean (sd / sqrt(folds))
 * @param meanAccuracy   mean accuracy at threshold 0.5
 * @param meanLogLoss    mean log loss
 * @param scoringCost    tree nodes visited (or weights read) per record: a deterministic proxy for scoring time
 * @param outOfFold      the out-of-fold threat probability of each training row (not written to manifests)
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
        @JsonIgnore double[] outOfFold) {

    /** "family(p=v, ...)", for logs. */
    public String describe() {
        return family + parameters;
    }
}
