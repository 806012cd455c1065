package io.netsec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import org.junit.jupiter.api.Test;

class RandomForestExportTest {

    @Test
    void exportScoresEveryPhishingRowExactlyAsWeka() {
        TrainingMatrix data = PhishingData.matrix();
        RandomForestTrainer trainer = new RandomForestTrainer(30, 0, 0, 2);
        try (TrainedModel trained = trainer.fit(data, 7)) {
            double[] library = trained.libraryThreatProbabilities(data.x());
            PortableModel model = trained.export();

            TreeEnsemble ensemble = (TreeEnsemble) model;
            assertEquals(30, ensemble.treeCount());
            assertEquals(TreeEnsemble.Aggregation.PROBABILITY_AVERAGE, ensemble.aggregation());
            PortableModelAssertions.assertScoresIdentical(model, data.x(), library);
            PortableModelAssertions.assertExplanationsAddUp(model, data.x(), 1e-9);
            PortableModel copy = PortableModelAssertions.assertJsonRoundTrip(model, data.x());
            PortableModelAssertions.assertScoresIdentical(copy, data.x(), library);
        }
    }

    @Test
    void depthLimitAndFeaturesPerSplitStillExportExactly() {
        TrainingMatrix data = PhishingData.matrix();
        try (TrainedModel trained = new RandomForestTrainer(10, 4, 3, 2).fit(data, 3)) {
            PortableModelAssertions.assertScoresIdentical(trained.export(), data.x(),
                    trained.libraryThreatProbabilities(data.x()));
        }
    }
}
