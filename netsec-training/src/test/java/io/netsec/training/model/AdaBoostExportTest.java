package io.netsec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import org.junit.jupiter.api.Test;

class AdaBoostExportTest {

    @Test
    void exportScoresEveryPhishingRowExactlyAsWeka() {
        TrainingMatrix data = PhishingData.matrix();
        try (TrainedModel trained = new AdaBoostTrainer(10, new J48Trainer(0.25, 2)).fit(data, 5)) {
            double[] library = trained.libraryThreatProbabilities(data.x());
            PortableModel model = trained.export();

            TreeEnsemble ensemble = (TreeEnsemble) model;
            assertEquals(TreeEnsemble.Aggregation.WEIGHTED_VOTE, ensemble.aggregation());
            assertTrue(ensemble.treeCount() > 1, "boosting ran more than one round");
            PortableModelAssertions.assertScoresIdentical(model, data.x(), library);
            PortableModelAssertions.assertExplanationsAddUp(model, data.x(), 1e-9);
            PortableModel copy = PortableModelAssertions.assertJsonRoundTrip(model, data.x());
            PortableModelAssertions.assertScoresIdentical(copy, data.x(), library);
        }
    }
}
