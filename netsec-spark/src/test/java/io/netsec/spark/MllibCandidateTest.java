package io.netsec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MllibCandidateTest {

    @Test
    void aFamilyAloneIsItsSmallGridAndAllFamiliesByDefault() {
        List<MllibCandidate> forest = MllibCandidate.grid(List.of("random_forest"));
        assertEquals(List.of(Map.of("trees", 100, "max_depth", 10), Map.of("trees", 100, "max_depth", 20)),
                forest.stream().map(MllibCandidate::parameters).toList());
        assertEquals(6, MllibCandidate.grid(List.of()).size());
        assertEquals(List.of("random_forest", "random_forest", "gbt", "gbt", "logistic", "logistic"),
                MllibCandidate.grid(List.of()).stream().map(MllibCandidate::family).toList());
    }

    @Test
    void settingsNameOneCandidateTheOthersAtTheirFirstDefault() {
        MllibCandidate gbt = MllibCandidate.grid(List.of("gbt:max_depth=4")).get(0);
        assertEquals(Map.of("rounds", 100, "max_depth", 4, "step_size", 0.1), gbt.parameters());
        assertEquals(Map.of("l2_penalty", 0.5), MllibCandidate.grid(List.of("logistic:l2_penalty=0.5")).get(0).parameters());
    }

    @Test
    void refusesUnknownFamiliesSettingsAndValues() {
        assertThrows(IllegalArgumentException.class, () -> MllibCandidate.grid(List.of("xgboost")));
        assertThrows(IllegalArgumentException.class, () -> MllibCandidate.grid(List.of("gbt:trees=3")));
        assertThrows(IllegalArgumentException.class, () -> MllibCandidate.grid(List.of("gbt:rounds=many")));
    }
}
