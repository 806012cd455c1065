package io.netsec.training.tracking;

import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.experiment.tracking.TrackingSettings;
import io.netsec.training.TrainingOptions;
import io.netsec.training.TrainingRun;
import io.netsec.training.model.J48Trainer;
import io.netsec.training.model.LogisticTrainer;
import io.netsec.training.model.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Small, fast trainings on the phishing data, each into its own model and runs folders. */
final class PhishingRuns {

    static final List<Trainer> SMALL = List.of(new LogisticTrainer(1e-8), new J48Trainer(0.25, 2));
    /** A deliberately weak model: a tree that may not split below 2000 rows. */
    static final List<Trainer> WEAK = List.of(new J48Trainer(0.25, 2000));

    private PhishingRuns() {
    }

    static TrainingRun train(Path folder, List<Trainer> candidates) throws IOException {
        return train(folder, candidates, line -> { });
    }

    /** As {@link #train(Path, List)}, telling {@code progress} each line of the training's log. */
    static TrainingRun train(Path folder, List<Trainer> candidates, Consumer<String> progress) throws IOException {
        Path csv = Path.of(System.getProperty("netsec.data.dir", "../../shared/data")).resolve("phisingData.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IllegalStateException("test data not found at " + csv.toAbsolutePath()
                    + ": set -Dnetsec.data.dir to the folder holding phisingData.csv");
        }
        LoadedSchema schema = SchemaLoader.load(Path.of(System.getProperty("netsec.repo.dir", ".."))
                .resolve("data_schema/phishing.yaml"));
        TrainingOptions options = TrainingOptions.defaults().withCandidates(candidates).withBootstrapResamples(50)
                .withFolds(3);
        try (CsvRecordSource source = CsvRecordSource.open(csv, schema.schema())) {
            return TrainingRun.execute(new TrainingRun.Request(source, TrainingRun.sha256(csv), schema,
                    folder.resolve("model"), folder.resolve("runs"), options, null), progress);
        }
    }

    static TrackingSettings settings(String unique) {
        return new TrackingSettings("netsec-test-" + unique, "netsec-detector-" + unique, "test", null);
    }
}
