package io.netsec.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netsec.core.bundle.BundleJson;
import io.netsec.core.bundle.BundleManifest;
import io.netsec.core.bundle.ModelMetrics;
import io.netsec.core.bundle.TrainingProvenance;
import io.netsec.core.data.Dataset;
import io.netsec.experiment.split.DataSplitter;
import io.netsec.training.model.J48Trainer;
import io.netsec.training.model.LogisticTrainer;
import io.netsec.training.model.Trainer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingPipelineTest {

    private static TrainingOptions options(List<Trainer> candidates) {
        return TrainingOptions.defaults().withCandidates(candidates).withBootstrapResamples(100);
    }

    @Test
    void noTestRowReachesSelectionOrFitting() {
        Dataset data = SyntheticDatasets.withRowIds(600, 1);
        RecordingTrainer logistic = new RecordingTrainer(new LogisticTrainer(1e-8));
        RecordingTrainer tree = new RecordingTrainer(new J48Trainer(0.25, 2));
        TrainingOptions options = options(List.of(logistic, tree));
        DataSplitter.Holdout split = DataSplitter.holdout(data, DataSplitter.all(data), options.testFraction(),
                options.seed(), false);
        Set<Integer> testIds = new HashSet<>();
        for (int row : split.test()) {
            testIds.add(row);
        }

        TrainingResult result = TrainingPipeline.train(data, SyntheticDatasets.SCHEMA, options, line -> { });

        assertEquals(split.test().length, result.testRows());
        for (RecordingTrainer trainer : List.of(logistic, tree)) {
            for (int id : trainer.fittedOn) {
                assertTrue(!testIds.contains(id), trainer.family() + " was fitted on test row " + id);
            }
        }
        RecordingTrainer selected = result.search().selected() == 0 ? logistic : tree;
        assertEquals(testIds, selected.scoredByLibrary,
                "the library scores only the test rows, once, for the export check");
        RecordingTrainer other = selected == logistic ? tree : logistic;
        assertTrue(other.scoredByLibrary.isEmpty(), "candidates not selected never see the test part");
    }

    @Test
    void theSameSeedGivesTheSameManifest() {
        Dataset data = SyntheticDatasets.withRowIds(400, 2);
        TrainingOptions options = options(List.of(new LogisticTrainer(1e-8), new J48Trainer(0.25, 2)));
        ObjectNode first = manifestWithoutTime(TrainingPipeline.train(data, SyntheticDatasets.SCHEMA, options, line -> { }));
        ObjectNode second = manifestWithoutTime(TrainingPipeline.train(data, SyntheticDatasets.SCHEMA, options, line -> { }));
        assertEquals(first, second);
        ObjectNode otherSeed = manifestWithoutTime(TrainingPipeline.train(data, SyntheticDatasets.SCHEMA,
                options.withSeed(7), line -> { }));
        assertNotEquals(first, otherSeed);
    }

    private static ObjectNode manifestWithoutTime(TrainingResult result) {
        ObjectNode manifest = (ObjectNode) BundleJson.tree(result.bundle().manifest());
        manifest.remove("created_at");
        ((ObjectNode) manifest.get("training")).remove("library_versions");
        return manifest;
    }

    @Test
    void duplicateAwareSplitKeepsEveryCopyOnOneSide() {
        Dataset data = SyntheticDatasets.withRowIds(300, 3);
        // Make every row appear three times: copies must not straddle the split.
        double[][] rows = new double[900][];
        int[] labels = new int[900];
        long[] numbers = new long[900];
        for (int i = 0; i < 900; i++) {
            rows[i] = data.rows()[i % 300];
            labels[i] = data.labels()[i % 300];
            numbers[i] = i + 1;
        }
        Dataset tripled = new Dataset(data.schema(), "tripled", null, data.vocabularies(), rows, labels, numbers);
        DataSplitter.Holdout random = DataSplitter.holdout(tripled, DataSplitter.all(tripled), 0.2, 42, false);
        DataSplitter.Holdout aware = DataSplitter.holdout(tripled, DataSplitter.all(tripled), 0.2, 42, true);
        assertTrue(TrainingPipeline.testRowsWithCopyInTrain(tripled, random.train(), random.test()) > 100,
                "a random split leaks copies");
        assertEquals(0, TrainingPipeline.testRowsWithCopyInTrain(tripled, aware.train(), aware.test()));
        assertEquals(180, aware.test().length, 9, "about a fifth of the rows");
    }

    @Test
    void recordsTheSearchAndTheThresholdInTheManifest() {
        Dataset data = SyntheticDatasets.withRowIds(400, 4);
        TrainingResult result = TrainingPipeline.train(data, SyntheticDatasets.SCHEMA,
                options(List.of(new LogisticTrainer(1e-8), new J48Trainer(0.25, 2))), line -> { });
        var manifest = BundleJson.tree(result.bundle().manifest());
        assertEquals(2, manifest.at("/training/search/candidates").size());
        assertEquals(result.threshold(), manifest.at("/threshold/value").asDouble());
        assertEquals("max_f1", manifest.at("/threshold/rule").asText());
        assertTrue(manifest.at("/metrics/test/accuracy").asDouble() > 0.75, "the signal feature is learnable");
        assertTrue(manifest.at("/metrics/test_ci95/accuracy/0").asDouble() <= result.test().accuracy());
        assertTrue(manifest.at("/metrics/test_ci95/accuracy/1").asDouble() >= result.test().accuracy());
        assertEquals(0.0, manifest.at("/training/export_check/max_abs_difference_on_test").asDouble());
        assertEquals(BundleManifest.REFERENCE_VERSION, manifest.at("/format_version").asInt(),
                "the training data's reference: version 5 (no files attached)");
        // the reference: every feature's distribution over all rows, as netsec validate profiles them, and the threats
        var reference = result.bundle().manifest().reference();
        assertEquals(data.size(), reference.rows());
        assertEquals(data.threatCount(), reference.threatRows());
        assertEquals(io.netsec.core.validate.EncodedProfile.of("training data", data.features(), data.vocabularies(),
                data.rows()).columns(), reference.columns());

        // the same through the typed manifest: every test figure with its interval, by the same name
        BundleManifest typed = result.bundle().manifest();
        assertEquals(8, typed.metrics().figures().size());
        for (ModelMetrics.Figure figure : typed.metrics().figures()) {
            assertNotNull(figure.ci95(), figure.name() + " has its interval");
            assertEquals(io.netsec.experiment.metrics.MetricNames.asMap(result.test()).get(figure.name()), figure.value(),
                    figure.name());
        }
        TrainingProvenance.DataProvenance dataProvenance = typed.training().data();
        assertEquals(400, dataProvenance.rows());
        assertEquals(result.testRows(), dataProvenance.testRows());
        assertEquals(TrainingPipeline.DataCounts.of(data).distinctFeatureVectors(), dataProvenance.distinctFeatureVectors());
        assertEquals(result.search().selected(), typed.training().search().selected());
        assertEquals(result.search().selectedCandidate().family(), typed.training().search().selectedCandidate().family());
    }

    /** Repeats in the data as the manifest counts them: by feature vector and label, a missing value equal to another. */
    @Test
    void countsDuplicateRowsDistinctVectorsAndVectorsWithBothLabels() {
        Dataset base = SyntheticDatasets.withRowIds(10, 5);
        double[] a = {1, 2};
        double[] b = {1, 3};
        double[] c = {2, 2};
        double[] d = {Double.NaN, 2};
        double[][] rows = {a, a.clone(), a.clone(), b, c, c.clone(), d, d.clone()};
        int[] labels = {1, 1, 0, 0, 1, 1, 0, 0};
        long[] numbers = {1, 2, 3, 4, 5, 6, 7, 8};
        Dataset data = new Dataset(base.schema(), "repeats", null, base.vocabularies(), rows, labels, numbers);
        assertEquals(new TrainingPipeline.DataCounts(3, 4, 1), TrainingPipeline.DataCounts.of(data));
    }
}
