package io.netsec.training;

import io.netsec.core.bundle.ModelBundle;
import io.netsec.experiment.metrics.BinaryMetrics;
import io.netsec.experiment.metrics.BootstrapIntervals;
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
        TestScores testScores) {
}
