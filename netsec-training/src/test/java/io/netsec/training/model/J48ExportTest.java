package io.netsec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import org.junit.jupiter.api.Test;

class J48ExportTest {

    @Test
    void exportScoresEveryPhishingRowExactlyAsWeka() {
        TrainingMatrix data = PhishingData.matrix();
        try (TrainedModel trained = new J48Trainer(0.25, 2).fit(data, 0)) {
            double[] library = trained.libraryThreatProbabilities(data.x());
            PortableModel model = trained.export();

            assertEquals(1, ((TreeEnsemble) model).treeCount());
            PortableModelAssertions.assertScoresIdentical(model, data.x(), library);
            PortableModelAssertions.assertExplanationsAddUp(model, data.x(), 1e-9);
            PortableModel copy = PortableModelAssertions.assertJsonRoundTrip(model, data.x());
            PortableModelAssertions.assertScoresIdentical(copy, data.x(), library);
        }
    }

    @Test
    void heavierPruningWithLargerLeavesStillExportsExactly() {
        TrainingMatrix data = PhishingData.matrix();
        try (TrainedModel trained = new J48Trainer(0.05, 20).fit(data, 0)) {
            PortableModelAssertions.assertScoresIdentical(trained.export(), data.x(),
                    trained.libraryThreatProbabilities(data.x()));
        }
    }
}
