package io.netsec.training.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.training.model.AdaBoostTrainer;
import io.netsec.training.model.J48Trainer;
import io.netsec.training.model.Trainer;
import io.netsec.training.model.XGBoostTrainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchBudgetTest {

    @Test
    void searchesSmallTrainingPartsInFull() {
        assertEquals(List.of(new SearchBudget.Rung(8_844, 6)), SearchBudget.AUTO.plan(6, 8_844));
        assertEquals(List.of(new SearchBudget.Rung(60_000, 6)), SearchBudget.AUTO.plan(6, 60_000));
        assertFalse(SearchBudget.AUTO.samples(60_000));
        assertEquals(List.of(new SearchBudget.Rung(800_000, 6)), SearchBudget.FULL.plan(6, 800_000));
    }

    @Test
    void halvesLargeOnesUntilOneIsLeft() {
        assertTrue(SearchBudget.AUTO.samples(800_000));
        assertEquals(List.of(new SearchBudget.Rung(10_000, 5), new SearchBudget.Rung(30_000, 2)),
                SearchBudget.AUTO.plan(5, 800_000));
        assertEquals(List.of(new SearchBudget.Rung(10_000, 10), new SearchBudget.Rung(30_000, 4),
                new SearchBudget.Rung(90_000, 2)), SearchBudget.AUTO.plan(10, 8_000_000));
        // a sample never larger than the training part
        assertEquals(List.of(new SearchBudget.Rung(10_000, 10), new SearchBudget.Rung(30_000, 4),
                new SearchBudget.Rung(70_000, 2)), SearchBudget.AUTO.plan(10, 70_000));
        assertEquals(List.of(new SearchBudget.Rung(800_000, 1)), SearchBudget.AUTO.plan(1, 800_000),
                "one candidate needs no comparison");
    }

    @Test
    void leavesOutWhatDoesNotScaleFromTheDefaultSearchOnly() {
        List<Trainer> candidates = List.of(new XGBoostTrainer(200, 4, 0.3, 1, 1, 1),
                new AdaBoostTrainer(10, new J48Trainer(0.25, 2)));
        List<String> leftOut = new ArrayList<>();
        assertEquals(candidates, SearchBudget.AUTO.candidates(candidates, 60_000, leftOut::add));
        assertEquals(List.of(candidates.get(0)), SearchBudget.AUTO.candidates(candidates, 800_000, leftOut::add));
        assertEquals(List.of("adaboost_j48: does not scale to 800,000 training rows (searched up to 60,000;"
                + " --models adaboost_j48 searches it)"), leftOut);
        assertEquals(candidates, SearchBudget.AUTO.keepingEveryCandidate().candidates(candidates, 800_000, leftOut::add),
                "a search space the user named keeps every candidate");
        assertEquals(List.of(candidates.get(1)), SearchBudget.AUTO.candidates(List.of(candidates.get(1)), 800_000,
                leftOut::add), "never an empty search");
    }
}
