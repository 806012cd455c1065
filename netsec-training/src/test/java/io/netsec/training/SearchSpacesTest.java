package io.netsec.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.training.model.Trainer;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchSpacesTest {

    /** Every name --models takes selects the candidates whose manifests record that name. */
    @Test
    void everyFamilyNameSelectsItsOwnCandidates() {
        for (String family : SearchSpaces.FAMILIES) {
            List<Trainer> chosen = SearchSpaces.standard(List.of(family));
            assertFalse(chosen.isEmpty(), family);
            assertTrue(chosen.stream().allMatch(t -> t.family().equals(family)), family + ": " + chosen);
        }
        assertEquals(SearchSpaces.FAMILIES, SearchSpaces.standard().stream().map(Trainer::family)
                .collect(java.util.stream.Collectors.toSet()));
    }

    /** 'adaboost' (the API's and the old help's name) selects the boosted trees, recorded as adaboost_j48. */
    @Test
    void adaboostNamesTheBoostedTrees() {
        List<Trainer> chosen = SearchSpaces.standard(List.of("adaboost"));
        assertEquals(1, chosen.size());
        assertEquals("adaboost_j48", chosen.get(0).family());
        assertEquals(chosen, SearchSpaces.standard(List.of("AdaBoost_J48")));
    }

    @Test
    void aSchemaOfFamiliesLeavesAdaBoostOutAndRefusesItByName() {
        assertTrue(SearchSpaces.standard(null, true).stream().allMatch(Trainer::supportsFamilies));
        // AdaBoost cannot; the multinomial logistic can but is too slow for the default grid.
        assertEquals(SearchSpaces.standard().size() - 2, SearchSpaces.standard(null, true).size());
        assertTrue(SearchSpaces.standard(null, true).stream().noneMatch(t -> t.family().equals("logistic")));
        assertEquals(List.of("logistic"), SearchSpaces.standard(List.of("logistic"), true).stream().map(Trainer::family).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SearchSpaces.standard(List.of("j48", "adaboost"), true));
        assertTrue(e.getMessage().contains("adaboost_j48") && e.getMessage().contains("threat or benign only"),
                e.getMessage());
        assertEquals(SearchSpaces.standard(List.of("adaboost")), SearchSpaces.standard(List.of("adaboost"), false));
    }
}
