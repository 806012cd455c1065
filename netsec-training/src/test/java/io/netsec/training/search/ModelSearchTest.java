package io.netsec.training.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netsec.training.model.J48Trainer;
import io.netsec.training.model.LogisticTrainer;
import io.netsec.training.model.RandomForestTrainer;
import io.netsec.training.model.XGBoostTrainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSearchTest {

    private static CandidateResult candidate(String family, double mean, double standardError, double cost,
                                             boolean exportable) {
        return new CandidateResult(family, Map.of(), exportable, exportable ? null : "no", new double[0], mean,
                standardError, 0, 0, cost, new double[0]);
    }

    @Test
    void oneStandardErrorRulePicksTheFastestCandidateCloseToTheBest() {
        List<CandidateResult> results = List.of(
                candidate("slow_best", 0.990, 0.004, 2000, true),
                candidate("fast_close", 0.987, 0.002, 300, true),
                candidate("fastest_but_worse", 0.970, 0.002, 30, true));
        assertEquals(1, ModelSearch.select(results));
    }

    @Test
    void keepsTheBestWhenNoOtherIsWithinOneStandardError() {
        List<CandidateResult> results = List.of(
                candidate("best", 0.990, 0.001, 2000, true),
                candidate("fast", 0.980, 0.001, 10, true));
        assertEquals(0, ModelSearch.select(results));
    }

    @Test
    void neverSelectsACandidateThatCannotBeExported() {
        List<CandidateResult> results = List.of(
                candidate("unexportable_best", 0.999, 0.001, 1, false),
                candidate("exportable", 0.950, 0.001, 100, true));
        assertEquals(1, ModelSearch.select(results));
        assertThrows(IllegalStateException.class,
                () -> ModelSearch.select(List.of(candidate("none", 0.9, 0.01, 1, false))));
    }

    @Test
    void startsTheLongestFitsFirstAndKeepsSearchOrderAmongEquals() {
        List<io.netsec.training.model.Trainer> candidates = List.of(new LogisticTrainer(1e-8),
                new XGBoostTrainer(200, 4, 0.3, 1, 1, 1), new RandomForestTrainer(100, 0, 0, 1),
                new J48Trainer(0.25, 2));
        assertEquals(List.of(2, 0, 1, 3), ModelSearch.longestFirst(candidates));
    }
}
