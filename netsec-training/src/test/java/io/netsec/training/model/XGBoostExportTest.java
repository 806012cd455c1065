package io.netsec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netsec.core.model.Explanation;
import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import org.junit.jupiter.api.Test;

class XGBoostExportTest {

    @Test
    void refusesObjectivesOtherThanBinaryLogistic() {
        byte[] json = """
                {"learner": {"objective": {"name": "reg:squarederror"},
                 "learner_model_param": {"base_score": "5E-1"},
                 "gradient_booster": {"name": "gbtree", "model": {"trees": []}}}}
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        NotExportableException e = assertThrows(NotExportableException.class, () -> XGBoostModelJson.export(json, 3));
        assertTrue(e.getMessage().contains("reg:squarederror"), e.getMessage());
    }

    @Test
    void exportMatchesXGBoostMarginsBitForBitAndProbabilitiesWithinTwoUlps() {
        TrainingMatrix data = PhishingData.matrix();
        try (XGBoostTrainedModel trained = (XGBoostTrainedModel) new XGBoostTrainer(40, 4, 0.3, 0.8, 0.8, 2)
                .fit(data, 11)) {
            float[] margins = trained.libraryMargins(data.x());
            double[] library = trained.libraryThreatProbabilities(data.x());
            TreeEnsemble model = trained.export();

            assertEquals(40, model.treeCount());
            assertMarginsIdentical(model, data.x(), margins);
            assertProbabilitiesWithinTwoUlps(model, data.x(), library);
            // The attribution sums in double, the raw score is XGBoost's float sum: they agree to float rounding
            // (40 additions of at most half an ulp of a margin below 16), and to the double sum within 1e-9.
            PortableModelAssertions.assertExplanationsAddUp(model, data.x(), 40 * Math.ulp(16f));
            assertExplanationsAddUpToDoubleMargin(model, data.x());
            PortableModel copy = PortableModelAssertions.assertJsonRoundTrip(model, data.x());
            assertMarginsIdentical((TreeEnsemble) copy, data.x(), margins);
        }
    }

    private static void assertExplanationsAddUpToDoubleMargin(TreeEnsemble model, double[][] x) {
        double[] leafValues = model.threatValue();
        int[] roots = model.treeRoots();
        for (int i = 0; i < x.length; i++) {
            double margin = model.baseScore();
            for (int root : roots) {
                margin += leafValues[model.leaf(root, x[i])];
            }
            Explanation explanation = model.explain(x[i]);
            double sum = explanation.bias();
            for (double contribution : explanation.contributions()) {
                sum += contribution;
            }
            assertEquals(margin, sum, 1e-9, "row " + i + ": bias + contributions vs the margin summed in double");
        }
    }

    private static void assertMarginsIdentical(TreeEnsemble model, double[][] x, float[] margins) {
        for (int i = 0; i < x.length; i++) {
            float portable = (float) model.rawScore(x[i]);
            if (Float.floatToIntBits(portable) != Float.floatToIntBits(margins[i])) {
                fail("row " + i + ": portable margin " + portable + ", XGBoost " + margins[i] + " (tolerance 0)");
            }
        }
    }

    private static void assertProbabilitiesWithinTwoUlps(PortableModel model, double[][] x, double[] library) {
        for (int i = 0; i < x.length; i++) {
            double tolerance = 2 * Math.ulp((float) library[i]);
            double portable = model.threatProbability(x[i]);
            if (!(Math.abs(portable - library[i]) <= tolerance)) {
                fail("row " + i + ": portable " + portable + ", XGBoost " + library[i]
                        + " (tolerance 2 ulp of float = " + tolerance + ")");
            }
        }
    }
}
