package io.netsec.core.testing;

import io.netsec.core.bundle.BundleManifest;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.model.ClassTrees;
import io.netsec.core.model.LinearModel;
import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.transform.FittedTransform;
import io.netsec.core.transform.TransformFitter;
import io.netsec.core.transform.TransformOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** Small schemas, data and hand-built models for core tests (no training library in the core). */
public final class TinyModels {

    public static final String SCHEMA_YAML = """
            name: flows
            columns:
              - {name: id, type: string, role: id}
              - {name: bytes, type: number, nullable: true}
              - {name: proto, type: categorical, allowed: [tcp, udp, icmp], nullable: true}
              - {name: service, type: categorical}
              - {name: label, type: string, role: label}
            label: {column: label, benign: [normal]}
            """;

    public static final String CSV = """
            id,bytes,proto,service,label
            a,10,tcp,http,normal
            b,20,udp,dns,normal
            c,,tcp,http,normal
            d,900,icmp,ftp,neptune
            e,800,tcp,ftp,smurf
            f,700,,http,neptune
            """;

    private TinyModels() {
    }

    public static LoadedSchema schema() {
        return SchemaLoader.parse("flows.yaml", SCHEMA_YAML.getBytes(StandardCharsets.UTF_8));
    }

    public static Dataset dataset() throws IOException {
        LoadedSchema schema = schema();
        try (CsvRecordSource source = CsvRecordSource.open("flows.csv",
                new ByteArrayInputStream(CSV.getBytes(StandardCharsets.UTF_8)), schema.schema())) {
            return DatasetReader.read(source, schema.schema(), null, null);
        }
    }

    /** A one-tree ensemble: bytes < 500 is benign (threat 0.1), else threat (0.9). Input 0 is bytes. */
    public static TreeEnsemble bytesStump(int featureCount) {
        return new TreeEnsemble(featureCount, TreeEnsemble.Aggregation.PROBABILITY_AVERAGE, false, 0,
                new int[] {0}, new double[] {1}, new int[] {0, -1, -1}, new double[] {500, 0, 0},
                new int[] {1, 0, 0}, new int[] {2, 0, 0}, new boolean[] {true, false, false},
                new double[] {0.5, 0.1, 0.9}, new double[] {0.5, 0.9, 0.1});
    }

    /**
     * Two trees of class distributions over the classes normal, dos and probe, each leaf a
     * normalised distribution. Input 0 is bytes: tree 0 splits at 500 (missing left), tree 1 at
     * 850 (missing right). At bytes 900 the classes are 0.05, 0.45, 0.5; at 700, 0.35, 0.4, 0.25;
     * at 10, 0.75, 0.07, 0.18.
     */
    public static ClassTrees familyTrees(int featureCount) {
        return new ClassTrees(featureCount, ClassTrees.Aggregation.PROBABILITY_AVERAGE, false,
                java.util.List.of("normal", "dos", "probe"), null, new int[] {0, 3}, null,
                new int[] {0, -1, -1, 0, -1, -1}, new double[] {500, 0, 0, 850, 0, 0},
                new int[] {1, 0, 0, 4, 0, 0}, new int[] {2, 0, 0, 5, 0, 0},
                new boolean[] {true, false, false, false, false, false},
                new double[] {
                    0.5, 0.37, 0.13, 0.9, 0.04, 0.06, 0.1, 0.7, 0.2,
                    0.3, 0.15, 0.55, 0.6, 0.1, 0.3, 0.0, 0.2, 0.8});
    }

    /** A bundle over the tiny data with the family trees as model (format version 4). */
    public static ModelBundle familyBundle() throws IOException {
        Dataset data = dataset();
        int[] all = new int[data.size()];
        Arrays.setAll(all, i -> i);
        FittedTransform transform = TransformFitter.fit(data, all, TransformOptions.DEFAULTS);
        return bundleOf(data, transform, familyTrees(transform.outputWidth()));
    }

    /** A bundle over the tiny data: transform fitted on all rows, the bytes stump as model. */
    public static ModelBundle bundle() throws IOException {
        Dataset data = dataset();
        int[] all = new int[data.size()];
        Arrays.setAll(all, i -> i);
        FittedTransform transform = TransformFitter.fit(data, all, TransformOptions.DEFAULTS);
        PortableModel model = bytesStump(transform.outputWidth());
        return bundleOf(data, transform, model);
    }

    public static ModelBundle bundleOf(Dataset data, FittedTransform transform, PortableModel model) {
        return bundleOf(schema(), data, transform, model);
    }

    /** A bundle of any schema, its data's vocabularies, a transform and a model. */
    public static ModelBundle bundleOf(LoadedSchema schema, Dataset data, FittedTransform transform, PortableModel model) {
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, BundleManifest.PLAIN_FORMAT_VERSION,
                "2026-01-01T00:00:00Z", schema.schema().name(), schema.sha256(), data.vocabularies(), transform,
                new BundleManifest.ModelInfo(ModelBundle.MODEL, "test_stump", Map.of("depth", 1), transform.outputNames()),
                new BundleManifest.Threshold(0.5, "fixed", null), null, null, Map.of());
        return new ModelBundle(manifest, schema, model);
    }

    public static LinearModel linear() {
        return new LinearModel(new double[] {0.5, -1.25, 2}, -0.75);
    }

    /**
     * Complete random trees of {@code depth} over {@code inputs} inputs, thresholds from a few cuts
     * (-1.3 to 1.1, between the standard-scaled values of small integer features).
     */
    public static TreeEnsemble randomTrees(java.util.SplittableRandom random, int inputs, TreeEnsemble.Aggregation aggregation,
                                            boolean float32, int depth, int trees) {
        double[] cuts = {-1.3, -0.6, -0.2, 0.15, 0.4, 1.1};
        int inner = (1 << depth) - 1;
        int perTree = 2 * inner + 1;
        int n = trees * perTree;
        int[] feature = new int[n];
        double[] threshold = new double[n];
        int[] left = new int[n];
        int[] right = new int[n];
        double[] threat = new double[n];
        double[] benign = new double[n];
        int[] roots = new int[trees];
        for (int t = 0; t < trees; t++) {
            int base = t * perTree;
            roots[t] = base;
            for (int p = 0; p < perTree; p++) {
                int node = base + p;
                if (p < inner) {
                    feature[node] = random.nextInt(inputs);
                    threshold[node] = cuts[random.nextInt(cuts.length)];
                    left[node] = base + 2 * p + 1;
                    right[node] = base + 2 * p + 2;
                } else {
                    feature[node] = -1;
                }
                threat[node] = random.nextDouble();
                benign[node] = random.nextDouble();
            }
        }
        double[] weights = new double[trees];
        Arrays.fill(weights, 1);
        return new TreeEnsemble(inputs, aggregation, float32, -0.2, roots, weights, feature, threshold, left, right,
                new boolean[n], threat, benign);
    }
}
