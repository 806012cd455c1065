package io.netsec.training;

import io.netsec.core.bundle.ModelBundle;
import io.netsec.experiment.metrics.BinaryMetrics;
import io.netsec.experiment.metrics.BootstrapIntervals;
import io.netsec.experiment.metrics.FamilyMetrics;
import io.netsec.experiment.metrics.TestScores;
import io.netsec.training.search.ModelSearch;
import java.util.Map;

/**
 * What a training run produced: the bundle (not yet written), the test figures of the selected
 * model (the test part scored once), and the search that selected it.
 *
 * @param bundle       the model bundle, ready to write
 * @param search       every candidate's cross-validation result and the selection
 * @param test         metrics on the test part at the chosen threshold
 * @param testIntervals 95% bootstrap intervals of the test metrics
 * @param threshold    the decision threshold
 * @param trainRows    rows in the training part
 * @param testRows     rows in the test part
 * @param testRowsWithCopyInTrain test rows whose exact feature vector also occurs in the training part
 * @param testScores   the test part's labels and probabilities, and input importances (for charts)
 * @param testFamilies with attack families, the per-family figures of the test part at the threshold
 *                     (a threat's family is its most probable threat family); null without families
 * @param testFamilyIntervals 95% bootstrap intervals of the per-family figures (by
 *                     {@code FamilyMetricsCalculator}'s names); empty without families
 */
public record TrainingResult(
        ModelBundle bundle,
        ModelSearch.Outcome search,
        BinaryMetrics test,
        Map<String, BootstrapIntervals.Interval> testIntervals,
        double threshold,
        int trainRows,
        int testRows,
        int testRowsWithCopyInTrain,
        TestScores testScores,
        FamilyMetrics testFamilies,
        Map<String, BootstrapIntervals.Interval> testFamilyIntervals) {

    public TrainingResult {
        testFamilyIntervals = testFamilyIntervals == null ? Map.of() : Map.copyOf(testFamilyIntervals);
    }

    /** A result of threat or benign only. */
    public TrainingResult(ModelBundle bundle, ModelSearch.Outcome search, BinaryMetrics test,
                          Map<String, BootstrapIntervals.Interval> testIntervals, double threshold, int trainRows,
                          int testRows, int testRowsWithCopyInTrain, TestScores testScores) {
        this(bundle, search, test, testIntervals, threshold, trainRows, testRows, testRowsWithCopyInTrain, testScores,
                null, Map.of());
    }

    /** This result with {@code written}, the bundle as written, in place of the bundle. */
    public TrainingResult withBundle(ModelBundle written) {
        return new TrainingResult(written, search, test, testIntervals, threshold, trainRows, testRows,
                testRowsWithCopyInTrain, testScores, testFamilies, testFamilyIntervals);
    }
}
