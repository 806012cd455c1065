package io.netsec.api;

import io.netsec.core.Sha256;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.ingestion.synthetic.SyntheticData;
import io.netsec.training.TrainingOptions;
import io.netsec.training.TrainingPipeline;
import io.netsec.training.model.J48Trainer;
import io.netsec.training.model.LogisticTrainer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Gives the application under test a real model bundle, trained once per build on the phishing
 * data with two small fast candidates, and a training setup (key, a small data file, a runs folder).
 * Each application start serves its own copy; the test classes that share one start put it back
 * before each test ({@link KnownModelTest}), so a training test's swap touches no other test.
 */
public class TestModel implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "test-key-0123456789";
    /** Whom training jobs name as the trainer in their MLflow record. */
    public static final String MLFLOW_USER = "api-trainer";
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final Path TRAINED = TARGET.resolve("test-bundle");
    static final Path OTHER = TARGET.resolve("test-bundle-other");
    static final Path TRAFFIC = TARGET.resolve("test-bundle-traffic");
    private static final String PHISHING_SCHEMA = "data_schema/phishing.yaml";
    private static final String TRAFFIC_SCHEMA = "data_schema/network_traffic.yaml";

    private static ModelBundle trained;
    private static ModelBundle other;
    private static ModelBundle traffic;

    @Override
    public Map<String, String> start() {
        try {
            Path served = Files.createTempDirectory(TARGET, "served-model-").resolve("model");
            bundle().writeTo(served);
            return Map.of(
                    "netsec.model-dir", served.toString(),
                    "netsec.api-key", API_KEY,
                    "netsec.training.data", sample(2000).toString(),
                    "netsec.training.runs-dir", served.resolveSibling("runs").toString(),
                    "netsec.mlflow.user", MLFLOW_USER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }

    /** The trained bundle (trained on first use, then read from target/ once per class loader). */
    public static synchronized ModelBundle bundle() throws IOException {
        if (trained == null) {
            trained = trainedOnce(TRAINED, phishingCsv(), TrainingOptions.defaults()
                    .withCandidates(List.of(new LogisticTrainer(1e-8), new J48Trainer(0.25, 2)))
                    .withBootstrapResamples(100));
        }
        return trained;
    }

    /** A second model for the same schema: J48 alone on 2,000 rows, so its probabilities differ. */
    public static synchronized ModelBundle otherBundle() throws IOException {
        if (other == null) {
            other = trainedOnce(OTHER, sample(2000), TrainingOptions.defaults()
                    .withCandidates(List.of(new J48Trainer(0.25, 2)))
                    .withBootstrapResamples(50));
        }
        return other;
    }

    /**
     * A model of another schema, data_schema/network_traffic.yaml (numbers with bounds, categories, a
     * column that may be missing): J48 on 600 generated rows.
     */
    public static synchronized ModelBundle trafficBundle() throws IOException {
        if (traffic == null) {
            Path csv = TARGET.resolve("network-traffic-600.csv");
            if (!Files.exists(csv)) {
                SyntheticData.of(SchemaLoader.load(repo().resolve(TRAFFIC_SCHEMA)).schema(), 7).write(600, csv);
            }
            traffic = trainedOnce(TRAFFIC, csv, TRAFFIC_SCHEMA, TrainingOptions.defaults()
                    .withCandidates(List.of(new J48Trainer(0.25, 2)))
                    .withBootstrapResamples(20));
        }
        return traffic;
    }

    private static ModelBundle trainedOnce(Path folder, Path csv, TrainingOptions options) throws IOException {
        return trainedOnce(folder, csv, PHISHING_SCHEMA, options);
    }

    /** The bundle in {@code folder}, trained there from {@code csv} (of {@code schemaFile}) first when it is not yet. */
    private static ModelBundle trainedOnce(Path folder, Path csv, String schemaFile, TrainingOptions options) throws IOException {
        if (Files.isRegularFile(folder.resolve(ModelBundle.CHECKSUMS))) {
            return ModelBundle.load(folder);
        }
        LoadedSchema schema = SchemaLoader.load(repo().resolve(schemaFile));
        Dataset data;
        try (CsvRecordSource source = CsvRecordSource.open(csv, schema.schema())) {
            data = DatasetReader.read(source, schema.schema(), Sha256.of(csv), rows -> { });
        }
        return TrainingPipeline.train(data, schema, options, line -> { }).bundle().writeTo(folder);
    }

    /** The first {@code rows} rows of the phishing data (with the header), written under target/. */
    public static Path sample(int rows) throws IOException {
        Path file = TARGET.resolve("phishing-" + rows + ".csv");
        if (!Files.exists(file)) {
            List<String> lines = Files.readAllLines(phishingCsv());
            Files.write(file, lines.subList(0, Math.min(lines.size(), rows + 1)));
        }
        return file;
    }

    public static Path phishingCsv() {
        String dir = System.getProperty("netsec.data.dir");
        if (dir == null) {
            throw new IllegalStateException("system property netsec.data.dir is not set (the build sets it)");
        }
        return Path.of(dir, "phisingData.csv");
    }

    static Path repo() {
        return Path.of(System.getProperty("netsec.repo.dir", "..")).toAbsolutePath().normalize();
    }
}
