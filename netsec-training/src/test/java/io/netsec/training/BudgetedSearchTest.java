package io.netsec.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.bundle.TrainingProvenance;
import io.netsec.core.data.Dataset;
import io.netsec.training.model.J48Trainer;
import io.netsec.training.model.LogisticTrainer;
import io.netsec.training.model.RandomForestTrainer;
import io.netsec.training.model.Trainer;
import io.netsec.training.model.XGBoostTrainer;
import io.netsec.training.search.ModelSearch;
import io.netsec.training.search.SearchBudget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Successive halving as the pipeline runs it: samples per rung, survivors, the final fit and the manifest. */
class BudgetedSearchTest {

    private static final SearchBudget SMALL = new SearchBudget(1_000, 400, 3, true);

    private static List<RecordingTrainer> candidates() {
        return List.of(new RecordingTrainer(new LogisticTrainer(1e-8)), new RecordingTrainer(new J48Trainer(0.25, 2)),
                new RecordingTrainer(new XGBoostTrainer(20, 3, 0.3, 1, 1, 1)),
                new RecordingTrainer(new RandomForestTrainer(10, 0, 0, 1)));
    }

    private static TrainingOptions options(List<? extends Trainer> candidates) {
        return TrainingOptions.defaults().withCandidates(List.copyOf(candidates)).withBootstrapResamples(50)
                .withSearchBudget(SMALL);
    }

    @Test
    void comparesEveryCandidateOnASampleAndTheBestOnALargerOne() {
        Dataset data = SyntheticDatasets.withRowIds(3_000, 8);
        List<RecordingTrainer> candidates = candidates();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        TrainingResult result = TrainingPipeline.train(data, SyntheticDatasets.SCHEMA, options(candidates), lines::add);

        ModelSearch.Outcome search = result.search();
        // stratified samples: each class's share rounded, so a row or two either way
        assertEquals(400, search.rungs().get(0).rows(), 2);
        assertEquals(1_200, search.rungs().get(1).rows(), 2);
        assertEquals(List.of(0, 1, 2, 3), search.rungs().get(0).candidates());
        List<Integer> survivors = search.rungs().get(1).candidates();
        assertEquals(2, survivors.size());
        assertTrue(survivors.contains(search.selected()), "selected among the last rung's candidates");
        for (int c = 0; c < candidates.size(); c++) {
            RecordingTrainer trainer = candidates.get(c);
            int lastRungRows = search.rungs().get(survivors.contains(c) ? 1 : 0).rows();
            assertEquals(lastRungRows, search.candidates().get(c).searchRows(), trainer.family());
            int largestSearchFit = c == search.selected() ? trainer.fitSizes.stream().sorted().toList()
                    .get(trainer.fitSizes.size() - 2) : trainer.fitSizes.stream().max(Integer::compare).orElseThrow();
            assertEquals(lastRungRows * 4 / 5.0, largestSearchFit, 2, trainer.family() + " fitted on 4 of 5 folds of its rung");
        }
        RecordingTrainer selected = candidates.get(search.selected());
        assertEquals(result.trainRows(), selected.fitSizes.get(selected.fitSizes.size() - 1),
                "the final fit sees the whole training part");

        TrainingProvenance.Budget budget = result.bundle().manifest().training().search().budget();
        assertEquals("successive_halving", budget.method());
        assertEquals(search.rungs().stream().map(rung -> (long) rung.rows()).toList(),
                budget.rungs().stream().map(TrainingProvenance.Rung::rows).toList());
        assertEquals(survivors, budget.rungs().get(1).candidates());
        assertEquals(result.trainRows(), budget.finalFitRows());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith(
                "search: rung 2 of 2, 2 candidates on " + search.rungs().get(1).rows() + " of " + result.trainRows())),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.matches("search: 4 candidates x 5 folds \\(successive halving"
                + " on [0-9,]+ then [0-9,]+ of [0-9,]+ training rows\\) on [0-9]+ threads in .*")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.matches("search: 3/30 fits done \\(.*elapsed, about .* left\\)")),
                String.join("\n", lines));
    }

    @Test
    void fitsAFamilyThatDoesNotScaleOnARecordedSample() {
        Dataset data = SyntheticDatasets.withRowIds(3_000, 9);
        RecordingTrainer limited = new RecordingTrainer(new LogisticTrainer(1e-8), 1_000);
        TrainingResult result = TrainingPipeline.train(data, SyntheticDatasets.SCHEMA, options(List.of(limited)),
                line -> { });
        int finalFit = limited.fitSizes.get(limited.fitSizes.size() - 1);
        assertEquals(1_000, finalFit, 1, "a stratified sample of the limit's size");
        assertEquals(finalFit, result.bundle().manifest().training().search().budget().finalFitRows());
        assertEquals("full", result.bundle().manifest().training().search().budget().method(),
                "one candidate is not compared on samples");
    }

    @Test
    void searchesAllRowsUnderTheBudgetsThreshold() {
        Dataset data = SyntheticDatasets.withRowIds(1_000, 10);
        List<RecordingTrainer> candidates = candidates();
        TrainingResult result = TrainingPipeline.train(data, SyntheticDatasets.SCHEMA, options(candidates), line -> { });
        assertEquals(1, result.search().rungs().size());
        assertEquals(result.trainRows(), result.search().rungs().get(0).rows());
        TrainingProvenance.Budget budget = result.bundle().manifest().training().search().budget();
        assertEquals("full", budget.method());
        assertEquals(result.trainRows(), budget.finalFitRows());
    }
}
