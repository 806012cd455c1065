package io.netsec.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netsec.core.model.ClassLinear;
import io.netsec.core.model.ClassModel;
import io.netsec.core.model.ClassTrees;
import io.netsec.core.model.PortableModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Models of attack families export exactly: every row's class probabilities from the core's
 * class model equal the library's, with the binary exporters' tolerance rules (Weka bit for bit;
 * XGBoost margins bit for bit and probabilities within two float ulps).
 */
class FamilyExportTest {

    private static final TrainingMatrix DATA = FamilyData.matrix(3000, 5);

    @Test
    void j48OfFamiliesScoresEveryRowAsWeka() {
        try (TrainedModel trained = new J48Trainer(0.25, 2).fit(DATA, 0)) {
            ClassTrees model = assertInstanceOf(ClassTrees.class, trained.export());
            assertEquals(1, model.treeCount());
            assertClassProbabilitiesIdentical(model, DATA, trained);
        }
    }

    @Test
    void randomForestOfFamiliesScoresEveryRowAsWeka() {
        try (TrainedModel trained = new RandomForestTrainer(20, 0, 0, 1).fit(DATA, 3)) {
            ClassTrees model = assertInstanceOf(ClassTrees.class, trained.export());
            assertEquals(20, model.treeCount());
            assertClassProbabilitiesIdentical(model, DATA, trained);
        }
    }

    @Test
    void multinomialLogisticScoresEveryRowAsWeka() {
        try (TrainedModel trained = new LogisticTrainer(1e-8).fit(DATA, 0)) {
            ClassLinear model = assertInstanceOf(ClassLinear.class, trained.export());
            assertEquals(FamilyData.CLASSES, model.classNames());
            assertClassProbabilitiesIdentical(model, DATA, trained);
        }
    }

    @Test
    void weightedRowsStillExportExactly() {
        double[] weights = new double[DATA.rowCount()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = DATA.y()[i] == 3 ? 16.75 : DATA.y()[i] == 0 ? 0.5 : 1.25; // dyadic: weighted counts add exactly
        }
        TrainingMatrix weighted = new TrainingMatrix(DATA.x(), DATA.y(), DATA.featureNames(), DATA.classes(), weights);
        for (Trainer trainer : List.of(new J48Trainer(0.25, 2), new RandomForestTrainer(10, 0, 0, 1),
                new LogisticTrainer(1e-4))) {
            try (TrainedModel trained = trainer.fit(weighted, 1)) {
                assertClassProbabilitiesIdentical((ClassModel) trained.export(), weighted, trained);
            }
        }
    }

    @Test
    void aFamilyWithoutRowsTrainsAndExports() {
        List<String> five = new ArrayList<>(FamilyData.CLASSES);
        five.add("other");
        TrainingMatrix data = FamilyData.matrix(1500, 9, five);
        for (Trainer trainer : List.of(new J48Trainer(0.25, 2), new RandomForestTrainer(10, 0, 0, 1),
                new LogisticTrainer(1e-8))) {
            try (TrainedModel trained = trainer.fit(data, 1)) {
                ClassModel model = (ClassModel) trained.export();
                assertEquals(five, model.classNames());
                assertClassProbabilitiesIdentical(model, data, trained);
            }
        }
    }

    @Test
    void xgboostSoftprobMatchesMarginsBitForBitAndProbabilitiesWithinTwoUlps() {
        try (XGBoostClassTrainedModel trained = (XGBoostClassTrainedModel) new XGBoostTrainer(15, 4, 0.3, 0.8, 0.8, 2)
                .fit(DATA, 11)) {
            ClassTrees model = trained.export();
            assertEquals(15 * 4, model.treeCount());
            assertEquals(ClassTrees.Aggregation.MARGIN_SUM, model.aggregation());
            float[][] margins = trained.libraryClassMargins(DATA.x());
            double[][] library = trained.libraryClassProbabilities(DATA.x());
            double[] threat = trained.libraryThreatProbabilities(DATA.x());
            for (int i = 0; i < DATA.rowCount(); i++) {
                float[] portableMargins = margins(model, DATA.x()[i]);
                double[] portable = model.classProbabilities(DATA.x()[i]);
                for (int k = 0; k < portable.length; k++) {
                    if (Float.floatToIntBits(portableMargins[k]) != Float.floatToIntBits(margins[i][k])) {
                        fail("row " + i + ", class " + k + ": portable margin " + portableMargins[k] + ", XGBoost "
                                + margins[i][k] + " (tolerance 0)");
                    }
                    double tolerance = 2 * Math.ulp((float) library[i][k]);
                    if (!(Math.abs(portable[k] - library[i][k]) <= tolerance)) {
                        fail("row " + i + ", class " + k + ": portable " + portable[k] + ", XGBoost " + library[i][k]);
                    }
                }
                assertEquals(threat[i], model.threatProbability(DATA.x()[i]), 4 * Math.ulp(1f), "row " + i);
            }
            PortableModel copy = PortableModelAssertions.assertJsonRoundTrip(model, DATA.x());
            assertEquals(model, copy);
        }
    }

    @Test
    void adaBoostRefusesFamiliesSayingWhy() {
        AdaBoostTrainer boost = new AdaBoostTrainer(5, new J48Trainer(0.25, 2));
        assertTrue(!boost.supportsFamilies());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> boost.fit(DATA, 0));
        assertTrue(e.getMessage().contains("threat or benign only"), e.getMessage());
    }

    /** XGBoost's margins as the core's float32 margin sum adds them: base score, then each tree's leaf in its class. */
    private static float[] margins(ClassTrees model, double[] x) {
        int k = model.classCount();
        float[] margins = new float[k];
        for (int c = 0; c < k; c++) {
            margins[c] = (float) model.baseScore()[c];
        }
        int[] roots = model.treeRoots();
        int[] treeClass = model.treeClass();
        double[] values = model.classValue();
        for (int t = 0; t < roots.length; t++) {
            margins[treeClass[t]] += (float) values[model.leaf(roots[t], x) * k + treeClass[t]];
        }
        return margins;
    }

    /**
     * Every row's class probabilities and threat probability from the core equal the library's bit
     * for bit, by the reference walk and after a JSON round trip.
     */
    static void assertClassProbabilitiesIdentical(ClassModel model, TrainingMatrix data, TrainedModel trained) {
        double[][] library = trained.libraryClassProbabilities(data.x());
        double[] threat = trained.libraryThreatProbabilities(data.x());
        PortableModel copy = PortableModelAssertions.assertJsonRoundTrip(model, data.x());
        int mismatches = 0;
        String first = null;
        for (int i = 0; i < data.rowCount(); i++) {
            for (ClassModel scored : List.of(model, (ClassModel) copy)) {
                double[] portable = scored.classProbabilities(data.x()[i]);
                boolean same = portable.length == library[i].length
                        && Double.doubleToLongBits(scored.threatProbability(data.x()[i])) == Double.doubleToLongBits(threat[i]);
                for (int k = 0; same && k < portable.length; k++) {
                    same = Double.doubleToLongBits(portable[k]) == Double.doubleToLongBits(library[i][k]);
                }
                if (!same) {
                    mismatches++;
                    if (first == null) {
                        first = "row " + i + ": portable " + java.util.Arrays.toString(portable) + ", library "
                                + java.util.Arrays.toString(library[i]);
                    }
                }
            }
        }
        if (mismatches > 0) {
            fail(mismatches + " scorings of " + data.rowCount() + " rows differ from the library (tolerance 0), first "
                    + first);
        }
    }
}
