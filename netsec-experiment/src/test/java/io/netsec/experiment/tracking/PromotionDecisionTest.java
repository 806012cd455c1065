package io.netsec.experiment.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionDecisionTest {

    private static final RunRecord.Evaluation SAME_ROWS = new RunRecord.Evaluation("test_roc_auc", 0.97, "abc", "key-1");

    private static Optional<ModelRegistry.ModelVersion> champion(String key, double value) {
        return Optional.of(new ModelRegistry.ModelVersion("m", "3", "run", "src", Map.of(
                PromotionDecision.TAG_EVALUATION_KEY, key, PromotionDecision.TAG_METRIC, "test_roc_auc",
                PromotionDecision.TAG_VALUE, String.valueOf(value))));
    }

    @Test
    void theFirstVersionIsChampion() {
        PromotionDecision decision = PromotionDecision.decide("1", SAME_ROWS, Optional.empty());
        assertEquals(PromotionDecision.CHAMPION, decision.alias());
        assertNull(decision.championVersion());
    }

    @Test
    void aBetterFigureOnTheSameRowsTakesTheChampionAlias() {
        PromotionDecision decision = PromotionDecision.decide("4", SAME_ROWS, champion("key-1", 0.96));
        assertEquals(PromotionDecision.CHAMPION, decision.alias());
        assertEquals("3", decision.championVersion());
        assertEquals(0.96, decision.championValue());
        assertTrue(decision.reason().contains("0.9700") && decision.reason().contains("0.9600"), decision.reason());
    }

    @Test
    void aTieOrAWorseFigureIsChallenger() {
        assertEquals(PromotionDecision.CHALLENGER, PromotionDecision.decide("4", SAME_ROWS, champion("key-1", 0.97)).alias());
        assertEquals(PromotionDecision.CHALLENGER, PromotionDecision.decide("4", SAME_ROWS, champion("key-1", 0.99)).alias());
    }

    @Test
    void figuresFromOtherTestRowsAreNotComparedSoTheNewVersionIsChallenger() {
        PromotionDecision decision = PromotionDecision.decide("4", SAME_ROWS, champion("key-2", 0.50));
        assertEquals(PromotionDecision.CHALLENGER, decision.alias());
        assertTrue(decision.reason().contains("cannot be compared"), decision.reason());
    }
}
