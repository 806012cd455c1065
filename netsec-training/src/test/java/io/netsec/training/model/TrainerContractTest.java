package io.netsec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netsec.core.model.PortableModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainerContractTest {

    @Test
    void trainingMatrixRefusesNaNRaggedRowsAndUnknownLabels() {
        List<String> names = List.of("a", "b");
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingMatrix(new double[][] {{1, Double.NaN}}, new int[] {1}, names));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingMatrix(new double[][] {{1}}, new int[] {1}, names));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingMatrix(new double[][] {{1, 2}}, new int[] {-1}, names));
    }

    @Test
    void trainersNameTheirParametersForManifests() {
        assertEquals("random_forest", new RandomForestTrainer(30, 0, 0, 2).family());
        assertEquals(Map.of("trees", 30, "max_depth", 0, "features_per_split", 0),
                new RandomForestTrainer(30, 0, 0, 2).parameters());
        assertEquals(Map.of("iterations", 10, "confidence", 0.25, "min_leaf", 2),
                new AdaBoostTrainer(10, new J48Trainer(0.25, 2)).parameters());
        assertEquals("colsample_bytree", List.copyOf(
                new XGBoostTrainer(10, 3, 0.3, 1, 0.5, 2).parameters().keySet()).get(4));
        assertThrows(IllegalArgumentException.class, () -> new J48Trainer(0.9, 2));
        assertThrows(IllegalArgumentException.class, () -> new XGBoostTrainer(10, 3, 0.3, 0, 1, 2));
    }

    @Test
    void randomForestIsTheSameWhateverTheThreadCount() throws JsonProcessingException {
        TrainingMatrix data = PhishingData.matrix();
        String oneThread;
        String twoThreads;
        try (TrainedModel trained = new RandomForestTrainer(8, 0, 0, 1).fit(data, 42)) {
            oneThread = PortableModelAssertions.JSON.writerFor(PortableModel.class).writeValueAsString(trained.export());
        }
        try (TrainedModel trained = new RandomForestTrainer(8, 0, 0, 2).fit(data, 42)) {
            twoThreads = PortableModelAssertions.JSON.writerFor(PortableModel.class).writeValueAsString(trained.export());
        }
        assertEquals(oneThread, twoThreads);
    }

    @Test
    void xgboostWithTheSameSeedExportsTheSameModel() throws JsonProcessingException {
        TrainingMatrix data = PhishingData.matrix();
        XGBoostTrainer trainer = new XGBoostTrainer(10, 3, 0.3, 0.7, 0.7, 2);
        String first;
        String second;
        try (TrainedModel trained = trainer.fit(data, 9)) {
            first = PortableModelAssertions.JSON.writerFor(PortableModel.class).writeValueAsString(trained.export());
        }
        try (TrainedModel trained = trainer.fit(data, 9)) {
            second = PortableModelAssertions.JSON.writerFor(PortableModel.class).writeValueAsString(trained.export());
        }
        assertEquals(first, second);
        assertTrue(first.contains("\"aggregation\":\"margin_sum\""), first.substring(0, 200));
    }
}
