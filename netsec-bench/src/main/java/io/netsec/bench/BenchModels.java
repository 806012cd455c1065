package io.netsec.bench;

import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.engine.CompiledModel;
import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.training.model.J48Trainer;
import io.netsec.training.model.LogisticTrainer;
import io.netsec.training.model.RandomForestTrainer;
import io.netsec.training.model.Trainer;
import io.netsec.training.model.TrainedModel;
import io.netsec.training.model.TrainingMatrix;
import io.netsec.training.model.XGBoostTrainedModel;
import io.netsec.training.model.XGBoostTrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The models and rows the scoring benchmarks share: each family trained on the phishing data,
 * and random rows drawn from the values each column takes (random, so that branch predictors
 * and caches cannot learn a repeated handful).
 *
 * <p>Paths: {@code -Dnetsec.data=.../phisingData.csv} (default {@code ../shared/data/phisingData.csv})
 * and {@code -Dnetsec.schema=...} (default {@code data_schema/phishing.yaml}), relative to where
 * the benchmark runs (the repository root in scripts/bench.sh).
 */
final class BenchModels {

    private BenchModels() {
    }

    /** The trainer of a model family as the benchmarks name it. */
    static Trainer trainer(String family) {
        return switch (family) {
            case "xgboost" -> new XGBoostTrainer(200, 6, 0.3, 1.0, 1.0, 1);
            case "random_forest" -> new RandomForestTrainer(100, 0, 0, 1);
            case "logistic" -> new LogisticTrainer(1e-8);
            case "j48" -> new J48Trainer(0.25, 2);
            default -> throw new IllegalArgumentException("unknown family " + family);
        };
    }

    static TrainingMatrix phishing() {
        return TrainingMatrix.of(phishingData());
    }

    /** The phishing data set as netsec reads it (the raw rows, the schema, the vocabularies). */
    static Dataset phishingData() {
        Path data = Path.of(System.getProperty("netsec.data", "../shared/data/phisingData.csv"));
        Path schemaFile = Path.of(System.getProperty("netsec.schema", "data_schema/phishing.yaml"));
        if (!Files.isRegularFile(data)) {
            throw new IllegalStateException("no phishing data at " + data.toAbsolutePath() + ": pass -Dnetsec.data=FILE");
        }
        try {
            DataSchema schema = SchemaLoader.load(schemaFile).schema();
            try (CsvRecordSource source = CsvRecordSource.open(data, schema)) {
                return DatasetReader.read(source, schema, null, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} rows whose every cell is drawn at random from the values its column takes in {@code data}. */
    static double[][] randomRows(TrainingMatrix data, int count, long seed) {
        int width = data.featureCount();
        double[][] values = new double[width][];
        for (int f = 0; f < width; f++) {
            int column = f;
            values[f] = Arrays.stream(data.x()).mapToDouble(row -> row[column]).distinct().sorted().toArray();
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[count][width];
        for (double[] row : rows) {
            for (int f = 0; f < width; f++) {
                row[f] = values[f][random.nextInt(values[f].length)];
            }
        }
        return rows;
    }

    /**
     * Fails unless the core's scores, by its compiled model and by the model's reference walk,
     * equal the library's on every row: a fast wrong answer must not win a benchmark. Weka models: probabilities bit for bit. XGBoost: margins bit for bit
     * and probabilities within 2 float ulps, since XGBoost's sigmoid uses C's {@code expf},
     * whose rounding Java's {@code Math.exp} does not reproduce on every input.
     */
    static void requireIdentical(PortableModel model, TrainedModel trained, double[][] rows, String family) {
        CompiledModel compiled = CompiledModel.of(model);
        double[] library = trained.libraryThreatProbabilities(rows);
        float[] margins = trained instanceof XGBoostTrainedModel booster ? booster.libraryMargins(rows) : null;
        for (int i = 0; i < rows.length; i++) {
            double core = model.threatProbability(rows[i]);
            if (Double.doubleToLongBits(compiled.probability(rows[i])) != Double.doubleToLongBits(core)) {
                throw new IllegalStateException(family + ": row " + i + " scores " + compiled.probability(rows[i])
                        + " compiled, " + core + " by the reference walk");
            }
            if (margins != null) {
                float coreMargin = (float) ((TreeEnsemble) model).rawScore(rows[i]);
                if (Float.floatToIntBits(coreMargin) != Float.floatToIntBits(margins[i])) {
                    throw new IllegalStateException(family + ": row " + i + " has margin " + coreMargin
                            + " in the core, " + margins[i] + " in the library");
                }
            }
            boolean same = margins != null
                    ? Math.abs(core - library[i]) <= 2 * Math.ulp((float) library[i])
                    : Double.doubleToLongBits(core) == Double.doubleToLongBits(library[i]);
            if (!same) {
                throw new IllegalStateException(family + ": row " + i + " scores " + core + " in the core, "
                        + library[i] + " in the library");
            }
        }
    }
}
