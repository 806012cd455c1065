package io.netsec.core.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.Detector;
import io.netsec.core.transform.TransformOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bundle format version this netsec reads, one small bundle of each as the netsec of its
 * time wrote it ({@code src/test/resources/bundles/README.md} says how each was made): it loads,
 * scores five records as it did then, shows its provenance, and is written back byte for byte
 * (a bundle keeps its version when written again).
 */
class BundleVersionsTest {

    private static final Path BUNDLES = Path.of("src", "test", "resources", "bundles");

    /** The first rows of the generated data the bundles were trained on (data_schema/network_traffic.yaml, seed 7). */
    private static final List<Map<String, String>> RECORDS = List.of(
            record("1", "2421.4968", "udp", "service_0", "103560", "918020", "SH", "0.8796"),
            record("2", "685.2065", "icmp", "service_0", "901846", "971136", "S0", "0.5575"),
            record("3", "2888.7038", "udp", "service_0", "531468", "845350", "RSTR", "0.0648"),
            record("4", "1240.9295", "udp", "service_9", "463438", "796692", "SH", ""),
            record("5", "422.1537", "udp", "service_4", "769150", "14410", "RSTR", "0.8323"));

    @TempDir
    Path dir;

    @Test
    void everyVersionUpToTheCurrentOneIsRead() {
        assertEquals(1, BundleManifest.OLDEST_FORMAT_VERSION);
        assertEquals(5, BundleManifest.FORMAT_VERSION, "a new version needs its fixture bundle and its test here");
        for (int version = 0; version <= BundleManifest.FORMAT_VERSION + 1; version++) {
            assertEquals(version >= 1 && version <= BundleManifest.FORMAT_VERSION, BundleManifest.reads(version));
        }
    }

    /** Version 1, a J48 tree (netsec at 51c814b): probabilities as its own predict gave them. */
    @Test
    void version1TreeEnsemble() throws Exception {
        ModelBundle bundle = loadsAndWritesBack("v1-j48", 1);
        assertScores(bundle, 0.78125, 0.0, 0.78125, 0.05660377358490566, 0.05660377358490566);
        assertEquals("j48", bundle.manifest().model().family());
        assertEquals(Map.of("confidence", 0.25, "min_leaf", 2), bundle.manifest().model().parameters());
        TrainingProvenance training = bundle.manifest().training();
        assertVersion1Data(training.data());
        assertEquals(TransformOptions.DEFAULTS, training.transformOptions());
        assertEquals(new ModelMetrics.Confusion(18, 8, 28, 6), bundle.manifest().metrics().test().confusionMatrix());
        assertEquals(new ModelMetrics.Interval(0.6666666666666666, 0.8995833333333333),
                bundle.manifest().metrics().figures().get(0).ci95());
    }

    /** Version 1, logistic regression over KNN imputation and standard scaling (netsec at 51c814b); record 4 misses a value. */
    @Test
    void version1LinearModelWithKnnImputation() throws Exception {
        ModelBundle bundle = loadsAndWritesBack("v1-logistic-knn", 1);
        assertScores(bundle, 0.8122166710935564, 0.03390733737861677, 0.9348681822673635, 0.3742331410907836,
                0.0636346528709932);
        assertEquals("logistic", bundle.manifest().model().family());
        assertEquals(240, bundle.manifest().transform().knnReference().reference().length);
        TrainingProvenance training = bundle.manifest().training();
        assertVersion1Data(training.data());
        assertEquals(TransformOptions.Scaling.STANDARD, training.transformOptions().scaling());
        assertEquals("logistic", training.search().selectedCandidate().family());
        assertEquals(0.34075496230801755, bundle.manifest().threshold().value());
    }

    /**
     * Version 2, a J48 tree trained on the same data with repeats: the data's duplicate rows,
     * distinct feature vectors and vectors with both labels.
     */
    @Test
    void version2CountsTheRepeatsInTheData() throws Exception {
        ModelBundle bundle = loadsAndWritesBack("v2-j48", 2);
        assertScores(bundle, 0.8888888888888888, 0.07874015748031496, 0.8888888888888888, 0.08333333333333333,
                0.07874015748031496);
        assertEquals(new TrainingProvenance.DataProvenance("traffic-repeats.csv",
                "e552e64daffc9dcf860e9e24bae0dfae4f5abdf4cd8c688381d34268a1bab5e1", 350, 139, 279, 71, 13, 40L, 300L, 10L),
                bundle.manifest().training().data());
        assertEquals(0.13278388278388278, bundle.manifest().threshold().value());
    }

    /**
     * Version 3, the J48 tree of {@code v1-j48} trained again by the netsec that added version 3:
     * the same scores, and the MLflow Model files beside the bundle's own, listed, verified and
     * written back as they were (the {@code code} folder too), none of them read to score.
     */
    @Test
    void version3CarriesTheMlflowModelFiles() throws Exception {
        ModelBundle bundle = loadsAndWritesBack("v3-j48", 3);
        assertScores(bundle, 0.78125, 0.0, 0.78125, 0.05660377358490566, 0.05660377358490566);
        assertVersion1Data(bundle.manifest().training().data(), 0L, 300L, 0L);
        assertEquals(List.of("MLmodel", "model.onnx", "code/netsec_onnx_pyfunc.py", "requirements.txt", "python_env.yaml",
                "conda.yaml", "input_example.json", "serving_input_example.json"), bundle.attached().names());
        assertEquals(bundle.attached().names(), bundle.manifest().files().keySet().stream()
                .filter(name -> !name.equals(ModelBundle.MODEL) && !name.equals(ModelBundle.SCHEMA)).toList(),
                "the manifest lists every file with its checksum");
        assertTrue(new String(bundle.attached().bytes("MLmodel"), java.nio.charset.StandardCharsets.UTF_8)
                .contains("loader_module: netsec_onnx_pyfunc"));
    }

    /**
     * Version 4, a class model: {@code v2-j48}'s tree with each node's threat share split into
     * two families, dos (three quarters) and probe (one quarter), written by the netsec that
     * added version 4. It scores the threat probabilities {@code v2-j48} scored (up to rounding:
     * one minus the benign probability), and the family.
     */
    @Test
    void version4HoldsAClassModel() throws Exception {
        ModelBundle bundle = loadsAndWritesBack("v4-j48-families", 4);
        assertEquals(new TrainingProvenance.DataProvenance("traffic-repeats.csv",
                "e552e64daffc9dcf860e9e24bae0dfae4f5abdf4cd8c688381d34268a1bab5e1", 350, 139, 279, 71, 13, 40L, 300L, 10L),
                bundle.manifest().training().data());
        assertEquals(bundle.model(), ModelBundle.load(BUNDLES.resolve("v4-j48-families")).model(), "two loads of one model are equal");
        // v2-j48's scores up to the last bits: 1 - p(normal) here, threat / total there
        assertScores(bundle, 0.8888888888888888, 0.07874015748031493, 0.8888888888888888, 0.08333333333333337,
                0.07874015748031493);
        Detector detector = Detector.of(bundle);
        io.netsec.core.FamilyScore first = detector.scoreFamilies(RECORDS.get(0));
        assertEquals(List.of("normal", "dos", "probe"), first.classes());
        assertEquals("dos", first.family());
        assertEquals(0.75 * 0.8888888888888888, first.probabilityOf("dos"), 1e-15);
        assertEquals("normal", detector.scoreFamilies(RECORDS.get(1)).family());
    }

    /**
     * Version 5, {@code v1-j48}'s command run by the netsec that added version 5: the same scores,
     * and the training data's feature distributions and threat share (what the service's drift
     * monitor compares its traffic with), which read as the profile of the training file.
     */
    @Test
    void version5HoldsTheTrainingDataReference() throws Exception {
        ModelBundle bundle = loadsAndWritesBack("v5-j48-reference", 5);
        assertScores(bundle, 0.78125, 0.0, 0.78125, 0.05660377358490566, 0.05660377358490566);
        TrainingReference reference = bundle.manifest().reference();
        assertEquals(300, reference.rows());
        assertEquals(119, reference.threatRows());
        assertEquals(bundle.schema().schema().features().stream().map(c -> c.name()).toList(),
                reference.columns().stream().map(c -> c.column()).toList());
        io.netsec.core.validate.ColumnDistribution protocol = reference.profile().column("protocol_type");
        assertEquals(300, protocol.total());
        var itself = new io.netsec.core.validate.DriftDetector().compare(reference.profile(), reference.profile(),
                bundle.schema().schema().drift());
        assertEquals(0, itself.driftedColumns(), "the reference does not drift from itself");
        for (String older : List.of("v1-j48", "v2-j48", "v3-j48", "v4-j48-families")) {
            assertEquals(null, ModelBundle.load(BUNDLES.resolve(older)).manifest().reference(), older + " has no reference");
        }
    }

    @Test
    void aReferenceRaisesTheVersionItIsWrittenAs() throws Exception {
        ModelBundle v2 = ModelBundle.load(BUNDLES.resolve("v2-j48"));
        TrainingReference reference = ModelBundle.load(BUNDLES.resolve("v5-j48-reference")).manifest().reference();
        ModelBundle raised = new ModelBundle(v2.manifest().withReference(reference), v2.schema(), v2.model())
                .writeTo(dir.resolve("raised"));
        assertEquals(5, raised.manifest().formatVersion(), "an older netsec refuses it by its version");
        assertEquals(reference, ModelBundle.load(dir.resolve("raised")).manifest().reference());
    }

    private static void assertVersion1Data(TrainingProvenance.DataProvenance data) {
        assertVersion1Data(data, null, null, null);
    }

    /** traffic.csv's provenance, with the duplicate counts a version from 2 on holds. */
    private static void assertVersion1Data(TrainingProvenance.DataProvenance data, Long duplicates, Long distinct,
                                           Long conflicting) {
        assertEquals(new TrainingProvenance.DataProvenance("traffic.csv",
                "a2ca3a48f47a59230f36f48fe063450f81f4e0bf94b19f3c750dac1ef3d8d322", 300, 119, 240, 60, 0, duplicates,
                distinct, conflicting), data, "version 1 has no duplicate counts: they read as null");
    }

    /**
     * Loads the fixture, checks its version and its provenance's shape, and writes it again: the
     * manifest and model files come out byte for byte as that version's netsec wrote them.
     */
    private ModelBundle loadsAndWritesBack(String name, int version) throws Exception {
        Path folder = BUNDLES.resolve(name);
        ModelBundle bundle = ModelBundle.load(folder);
        BundleManifest manifest = bundle.manifest();
        assertEquals(version, manifest.formatVersion());
        assertEquals(8, manifest.metrics().figures().size());
        assertTrue(manifest.metrics().figures().stream().allMatch(figure -> figure.ci95() != null), "every figure has its interval");
        assertNotNull(manifest.metrics().crossValidation());
        assertEquals(new ModelMetrics.Point(0, 0), manifest.metrics().testCurves().roc().get(0));
        assertTrue(manifest.training().libraryVersions().containsKey("netsec"));
        assertEquals(3, manifest.training().search().folds());
        assertEquals(42, manifest.training().seed());

        assertEquals(manifest, ModelBundle.load(folder).manifest(), "two loads of one manifest are equal, arrays and all");
        assertEquals(manifest.hashCode(), ModelBundle.load(folder).manifest().hashCode());

        Path copy = dir.resolve(name);
        ModelBundle written = bundle.writeTo(copy);
        assertEquals(version, written.manifest().formatVersion(), "a bundle keeps its version");
        List<String> files = new java.util.ArrayList<>(List.of(ModelBundle.MANIFEST, ModelBundle.MODEL, ModelBundle.SCHEMA,
                ModelBundle.CHECKSUMS));
        files.addAll(bundle.attached().names());
        for (String file : files) {
            assertArrayEquals(Files.readAllBytes(folder.resolve(file)), Files.readAllBytes(copy.resolve(file)), file);
        }
        try (var walk = Files.walk(copy)) {
            assertEquals(files.size(), walk.filter(Files::isRegularFile).count(), "nothing more is written");
        }
        return bundle;
    }

    private static void assertScores(ModelBundle bundle, double... probabilities) {
        Detector detector = Detector.of(bundle);
        for (int i = 0; i < probabilities.length; i++) {
            assertEquals(probabilities[i], detector.score(RECORDS.get(i)).probability(), "record " + (i + 1));
        }
    }

    private static Map<String, String> record(String id, String duration, String protocol, String service, String srcBytes,
                                              String dstBytes, String flag, String errorRate) {
        Map<String, String> record = new HashMap<>();
        record.put("id", id);
        record.put("duration", duration);
        record.put("protocol_type", protocol);
        record.put("service", service);
        record.put("src_bytes", srcBytes);
        record.put("dst_bytes", dstBytes);
        record.put("flag", flag);
        record.put("srv_error_rate", errorRate);
        return record;
    }
}
