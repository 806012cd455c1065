package io.netsec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsec.core.model.LinearModel;
import io.netsec.core.model.PortableModel;
import org.junit.jupiter.api.Test;

class LogisticExportTest {

    @Test
    void exportScoresEveryPhishingRowExactlyAsWeka() {
        TrainingMatrix data = PhishingData.matrix();
        try (TrainedModel trained = new LogisticTrainer(1e-8).fit(data, 0)) {
            double[] library = trained.libraryThreatProbabilities(data.x());
            PortableModel model = trained.export();

            assertEquals(data.featureCount(), model.featureCount());
            PortableModelAssertions.assertScoresIdentical(model, data.x(), library);
            PortableModelAssertions.assertExplanationsAddUp(model, data.x(), 1e-9);
            PortableModel copy = PortableModelAssertions.assertJsonRoundTrip(model, data.x());
            PortableModelAssertions.assertScoresIdentical(copy, data.x(), library);
        }
    }

    @Test
    void constantFeatureGetsWeightZeroAndOthersKeepTheirPlace() {
        TrainingMatrix full = PhishingData.matrix();
        double[][] x = new double[2000][];
        int[] y = new int[2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = full.x()[i].clone();
            x[i][3] = 1.0; // Weka's RemoveUseless drops this column before fitting
            y[i] = full.y()[i];
        }
        TrainingMatrix data = new TrainingMatrix(x, y, full.featureNames());
        try (TrainedModel trained = new LogisticTrainer(1.0).fit(data, 0)) {
            LinearModel model = (LinearModel) trained.export();
            assertEquals(0.0, model.weights()[3], 0.0, "the removed constant feature has weight 0");
            PortableModelAssertions.assertScoresIdentical(model, full.x(), trained.libraryThreatProbabilities(full.x()));
        }
    }
}
