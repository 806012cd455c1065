package io.netsec.onnx;

import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.transform.TransformOptions;
import io.netsec.training.SearchSpaces;
import io.netsec.training.TrainingOptions;
import io.netsec.training.TrainingPipeline;
import io.netsec.training.model.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Bundles trained as {@code netsec train} trains them (through the training API), one model family at a time. */
final class TrainedBundles {

    static final Path REPO = Path.of(System.getProperty("netsec.repo.dir", ".."));
    static final Path DATA = Path.of(System.getProperty("netsec.data.dir", "../../shared/data"));

    /** The families the project trains, as bundles name them. */
    static final List<String> FAMILIES = List.of("random_forest", "j48", "adaboost_j48", "xgboost", "logistic");

    private TrainedBundles() {
    }

    static LoadedSchema schema(String file) throws IOException {
        return SchemaLoader.load(REPO.resolve(file));
    }

    static Path phishingData() {
        Path csv = DATA.resolve("phisingData.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IllegalStateException("test data not found at " + csv.toAbsolutePath()
                    + ": set -Dnetsec.data.dir to the folder holding phisingData.csv");
        }
        return csv;
    }

    static Dataset read(Path csv, LoadedSchema schema) throws IOException {
        try (CsvRecordSource source = CsvRecordSource.open(csv, schema.schema())) {
            return DatasetReader.read(source, schema.schema(), null, null);
        }
    }

    /**
     * The standard search space's first candidate of {@code family} (XGBoost: 200 trees of depth
     * 6), trained by the honest protocol with two folds and no bootstrap: the bundle of a {@code
     * netsec train --models <family>} run.
     */
    static ModelBundle train(Dataset data, LoadedSchema schema, String family, TransformOptions transform) {
        Trainer trainer = SearchSpaces.standard().stream().filter(t -> t.family().equals(family)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no trainer of family " + family));
        TrainingOptions options = new TrainingOptions(0.2, 2, 42, false, null, transform, List.of(trainer), 2, 0);
        return TrainingPipeline.train(data, schema, options, line -> { }).bundle();
    }
}
