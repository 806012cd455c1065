package io.netsec.training.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsec.training.model.J48Trainer;
import io.netsec.training.model.LogisticTrainer;
import io.netsec.training.model.RandomForestTrainer;
import io.netsec.training.model.XGBoostTrainer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSearchTest {

    @Test
    void startsTheLongestFitsFirstAndKeepsSearchOrderAmongEquals() {
        List<io.netsec.training.model.Trainer> candidates = List.of(new LogisticTrainer(1e-8),
                new XGBoostTrainer(200, 4, 0.3, 1, 1, 1), new RandomForestTrainer(100, 0, 0, 1),
                new J48Trainer(0.25, 2));
        assertEquals(List.of(2, 0, 1, 3), ModelSearch.longestFirst(candidates));
    }
}
