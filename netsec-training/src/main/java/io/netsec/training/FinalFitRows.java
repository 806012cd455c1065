package io.netsec.training;

import io.netsec.core.bundle.TrainingProvenance;
import io.netsec.core.data.Dataset;
import io.netsec.experiment.search.CandidateResult;
import io.netsec.experiment.split.DataSplitter;
import io.netsec.training.model.Trainer;
import io.netsec.training.search.ModelSearch;
import io.netsec.training.search.SearchBudget;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rows the selected model is finally fitted on, and how the search's budget is recorded. A
 * family that does not scale ({@link Trainer#fitRowLimit()}) is fitted on a stratified sample of
 * the training part, drawn with the run's seed and recorded in the manifest.
 */
final class FinalFitRows {

    private FinalFitRows() {
    }

    /** The training rows, or a stratified sample of them as large as {@code trainer} scales to. */
    static int[] of(Dataset data, int[] trainRows, Trainer trainer, TrainingOptions options, Consumer<String> progress) {
        int limit = trainer.fitRowLimit();
        if (trainRows.length <= limit) {
            return trainRows;
        }
        int[] sample = DataSplitter.sample(data, trainRows, limit, options.seed(), options.duplicateAware());
        progress.accept(String.format("final fit: %s does not scale to %,d rows; it is fitted on a stratified sample"
                + " of %,d (recorded in the manifest)", trainer.family(), trainRows.length, sample.length));
        return sample;
    }

    /**
     * ", about N s" judged by the selected candidate's fits in the search (rows scale linearly,
     * threads divide), or nothing when the search timed none: a guess for the progress line only.
     */
    static String estimate(CandidateResult selected, int rows, int threads) {
        int folds = selected.foldRocAuc().length;
        double rowsPerFit = selected.searchRows() * (folds - 1.0) / Math.max(1, folds);
        double perRow = selected.meanFitSeconds() / Math.max(1, rowsPerFit);
        if (!(perRow > 0)) {
            return "";
        }
        return String.format(" (about %.0f s, judged by the search's fits)", perRow * rows / Math.max(1, threads));
    }

    /** The manifest's record of the rows the search's rungs and the final fit used. */
    static TrainingProvenance.Budget budget(ModelSearch.Outcome search, int trainRows, int finalFitRows,
                                            SearchBudget budget) {
        List<TrainingProvenance.Rung> rungs = search.rungs().stream()
                .map(rung -> new TrainingProvenance.Rung(rung.rows(), rung.candidates())).toList();
        return new TrainingProvenance.Budget(search.sampled(trainRows) ? "successive_halving" : "full",
                budget.keepFactor(), rungs, finalFitRows);
    }
}
