package io.netsec.experiment.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateSelectionTest {

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
        assertEquals(1, CandidateSelection.oneStandardError(results));
    }

    @Test
    void keepsTheBestWhenNoOtherIsWithinOneStandardError() {
        List<CandidateResult> results = List.of(
                candidate("best", 0.990, 0.001, 2000, true),
                candidate("fast", 0.980, 0.001, 10, true));
        assertEquals(0, CandidateSelection.oneStandardError(results));
    }

    @Test
    void neverSelectsACandidateThatCannotBeExported() {
        List<CandidateResult> results = List.of(
                candidate("unexportable_best", 0.999, 0.001, 1, false),
                candidate("exportable", 0.950, 0.001, 100, true));
        assertEquals(1, CandidateSelection.oneStandardError(results));
        assertThrows(IllegalStateException.class,
                () -> CandidateSelection.oneStandardError(List.of(candidate("none", 0.9, 0.01, 1, false))));
    }

    @Test
    void standardErrorIsTheSampleDeviationOverTheRootOfTheFolds() {
        double[] folds = {0.90, 0.92, 0.94};
        assertEquals(0.92, CandidateSelection.mean(folds), 1e-15);
        assertEquals(0.02 / Math.sqrt(3), CandidateSelection.standardError(folds), 1e-15);
    }
}
