package io.netsec.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.Detector;
import io.netsec.core.FamilyScore;
import io.netsec.core.bundle.BundleManifest;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.bundle.ModelMetrics;
import io.netsec.core.bundle.TrainingProvenance;
import io.netsec.core.data.Dataset;
import io.netsec.core.model.ClassModel;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.experiment.split.DataSplitter;
import io.netsec.training.model.AdaBoostTrainer;
import io.netsec.training.model.ClassWeights;
import io.netsec.training.model.J48Trainer;
import io.netsec.training.model.LogisticTrainer;
import io.netsec.training.model.TrainedModel;
import io.netsec.training.model.Trainer;
import io.netsec.training.search.ClassTarget;
import io.netsec.training.search.FoldData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on a schema whose label has attack families: a family bundle that scores as the library does. */
class FamilyTrainingTest {

    static final LoadedSchema SCHEMA = SchemaLoader.parse("families.yaml", """
            name: synthetic_families
            columns:
              - {name: a, type: number}
              - {name: b, type: number}
              - {name: c, type: number}
              - {name: d, type: number}
              - {name: label, type: string, role: label}
            label:
              column: label
              benign: [normal]
              families:
                dos: [neptune]
                probe: [satan]
                u2r: [rootkit]
              unknown_threat: other
            """.getBytes(StandardCharsets.UTF_8));

    private static final List<String> VALUES = List.of("normal", "neptune", "satan", "rootkit");

    @TempDir
    Path dir;

    /** {@code n} rows of four classes (u2r rare); the schema's 'other' class has no row. */
    static Dataset families(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        int[] labels = new int[n];
        int[] classes = new int[n];
        long[] numbers = new long[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int k = u < 0.03 ? 3 : u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
            classes[i] = k;
            labels[i] = k == 0 ? 0 : 1;
            rows[i] = new double[4];
            for (int f = 0; f < 4; f++) {
                rows[i][f] = Math.round((random.nextGaussian() + (f == k ? 1.5 : 0)) * 8) / 8.0;
            }
            numbers[i] = i + 1;
        }
        return new Dataset(SCHEMA.schema(), "families", null, List.of(List.of(), List.of(), List.of(), List.of()), rows,
                labels, numbers, SCHEMA.schema().label().classNames(), classes);
    }

    @Test
    void aSchemaOfFamiliesTrainsABundleWhoseClassModelScoresAsTheLibrary() throws Exception {
        Dataset data = families(800, 3);
        List<Trainer> candidates = List.of(new J48Trainer(0.25, 2), new LogisticTrainer(1e-8),
                new AdaBoostTrainer(3, new J48Trainer(0.25, 2)));
        TrainingOptions options = TrainingOptions.defaults().withCandidates(candidates).withFolds(3)
                .withBootstrapResamples(40);
        TrainingResult result = TrainingPipeline.train(data, SCHEMA, options, line -> { });

        BundleManifest manifest = result.bundle().manifest();
        assertEquals(5, manifest.formatVersion(), "a class model (4) with its training data's reference (5)");
        ClassModel model = assertInstanceOf(ClassModel.class, result.bundle().model());
        assertEquals(List.of("normal", "dos", "probe", "u2r"), model.classNames(), "'other' has no row: left out");
        TrainingProvenance training = manifest.training();
        assertEquals("macro_roc_auc_ovr", training.search().score());
        assertEquals(List.of("normal", "dos", "probe", "u2r"), training.classes().classes());
        assertEquals(List.of("other"), training.classes().classesWithoutRows());
        assertTrue(training.classes().classWeights().startsWith("none"), training.classes().classWeights());
        assertEquals(1, training.classes().leftOut().size());
        assertTrue(training.classes().leftOut().get(0).startsWith("adaboost_j48"), training.classes().leftOut().toString());
        assertEquals(2, training.search().candidates().size(), "AdaBoost is not searched");
        assertEquals(0.0, training.exportCheck().maxAbsDifferenceOnTest(), 0.0, "Weka's models export bit for bit");

        // the test part's per-family figures, in the result and the manifest alike
        assertNotNull(result.testFamilies());
        assertEquals(model.classNames(), result.testFamilies().classes());
        long counted = 0;
        for (long[] row : result.testFamilies().confusion()) {
            for (long count : row) {
                counted += count;
            }
        }
        assertEquals(result.testRows(), counted);
        ModelMetrics.FamilyFigures figures = manifest.metrics().families();
        assertEquals(result.testFamilies().macroF1(), figures.macroF1(), 0.0);
        assertEquals(result.testFamilies().perClass().get(3).support(), figures.perClass().get(3).support());
        assertTrue(figures.ci95().containsKey("macro_f1"), figures.ci95().keySet().toString());

        // written and loaded back, the bundle's class model answers the library's class probabilities on every test row
        result.bundle().writeTo(dir.resolve("model"));
        ModelBundle loaded = ModelBundle.load(dir.resolve("model"));
        assertEquals(manifest.metrics().families(), loaded.manifest().metrics().families());
        assertEquals(manifest.training().classes(), loaded.manifest().training().classes());
        Detector detector = Detector.of(loaded);
        assertTrue(detector.hasFamilies());
        DataSplitter.Holdout split = DataSplitter.holdout(data, DataSplitter.all(data), options.testFraction(),
                options.seed(), false);
        FoldData finalFit = FoldData.of(data, split.train(), split.test(), options.transform(), ClassTarget.of(data),
                ClassWeights.NONE);
        Trainer selected = candidates.get(result.search().selected());
        try (TrainedModel trained = selected.fit(finalFit.train(), options.seed())) {
            double[][] library = trained.libraryClassProbabilities(finalFit.validation());
            for (int i = 0; i < split.test().length; i++) {
                FamilyScore score = detector.scoreFamilies(record(data.rows()[split.test()[i]]));
                assertArrayEquals(library[i], score.probabilities(), 0.0, "test row " + i);
                assertEquals(1 - library[i][0], score.threatProbability(), 0.0, "test row " + i);
            }
        }
    }

    @Test
    void balancedClassWeightsAreRecorded() {
        TrainingOptions options = TrainingOptions.defaults().withCandidates(List.of(new J48Trainer(0.25, 2)))
                .withFolds(2).withBootstrapResamples(0).withClassWeights(ClassWeights.BALANCED);
        TrainingResult result = TrainingPipeline.train(families(400, 5), SCHEMA, options, line -> { });
        assertTrue(result.bundle().manifest().training().classes().classWeights().startsWith("balanced"));
        assertEquals(0.0, result.bundle().manifest().training().exportCheck().maxAbsDifferenceOnTest(), 0.0);
    }

    @Test
    void aBinarySchemaRecordsNoClassesNorFamilyFigures() {
        TrainingOptions options = TrainingOptions.defaults().withCandidates(List.of(new J48Trainer(0.25, 2)))
                .withFolds(2).withBootstrapResamples(0);
        TrainingResult result = TrainingPipeline.train(SyntheticDatasets.withRowIds(300, 1), SyntheticDatasets.SCHEMA,
                options, line -> { });
        assertNull(result.bundle().manifest().training().classes());
        assertNull(result.bundle().manifest().metrics().families());
        assertNull(result.testFamilies());
        assertEquals("roc_auc", result.bundle().manifest().training().search().score());
    }

    private static Map<String, Object> record(double[] row) {
        Map<String, Object> record = new LinkedHashMap<>();
        String[] names = {"a", "b", "c", "d"};
        for (int f = 0; f < names.length; f++) {
            record.put(names[f], Double.toString(row[f]));
        }
        return record;
    }
}
