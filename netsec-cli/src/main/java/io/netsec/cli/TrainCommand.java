package io.netsec.cli;

import io.netsec.ingestion.DataInput;
import io.netsec.core.data.RecordSource;
import io.netsec.core.bundle.BundleManifest;
import io.netsec.core.bundle.ModelFolder;
import io.netsec.core.bundle.ModelMetrics;
import io.netsec.core.bundle.TrainingProvenance;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.experiment.metrics.FamilyTable;
import io.netsec.experiment.tracking.RunFolderException;
import io.netsec.ingestion.file.OutputFile;
import io.netsec.onnx.MlflowModelFiles;
import io.netsec.training.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netsec train}: the honest protocol, then a model bundle and a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {
                "Trains and selects a model with honest evaluation, and writes a model bundle.",
                "Candidates are compared by cross-validation on the training part only; the test part is scored once.",
        },
        footerHeading = "%nExample:%n",
        footer = {
                "  netsec train --data ../shared/data/phisingData.csv --schema data_schema/phishing.yaml --model-dir final_model",
                "  netsec train --mongodb-uri mongodb://127.0.0.1:27017 --database netsec --collection phishing \\",
                "      --schema data_schema/phishing.yaml --model-dir final_model",
        })
public final class TrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    TrainingOptionsMixin protocol;

    @Mixin
    TrackingOptionsMixin tracking;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DataSourceOptions data;

    @Mixin
    SchemaOption schema;

    @Mixin
    OutputFolders folders;

    @Option(names = "--split-out", paramLabel = "FILE", description = "Also write each data row's part as CSV"
            + " (row,part: row 0 is the file's first data row, part train or test), written before the training"
            + " starts, for a baseline on exactly this split (scripts/scale_baseline.py).")
    Path splitOut;

    @Override
    public Integer call() throws Exception {
        common.verbose();
        LoadedSchema loaded = schema.load();
        DataInput input = data.input();
        requireTargets(input, folders.modelDir); // before asking MLflow, and long before the training
        TrainingTracking.before(spec, tracking);
        TrainingRun run = train(spec, common, protocol, input, loaded, folders.modelDir, folders.runsDir,
                splitWriter(input));
        print(spec, run);
        TrainingTracking.after(spec, common, tracking, run);
        return ExitCodes.OK;
    }

    /**
     * Refuses, before any work, a data file that cannot be read and a model folder a bundle may not
     * replace: a file, a folder that is neither empty nor a bundle, the data's own folder.
     */
    static void requireTargets(DataInput data, Path modelDir) throws IOException {
        if (data instanceof DataInput.FileInput file) {
            InputFiles.requireFile(file.file());
            ModelFolder.requireApart(modelDir, file.file());
        }
        ModelFolder.requireReplaceable(modelDir);
    }

    /** {@code --split-out}: the file written once the data is read; null without the option. */
    private TrainingRun.SplitListener splitWriter(DataInput input) throws IOException {
        if (splitOut == null) {
            return null;
        }
        List<Path> inputs = input instanceof DataInput.FileInput file ? List.of(file.file()) : List.of();
        OutputFile.check(splitOut, inputs); // before the data is read
        return (rows, split) -> {
            String[] partOfRow = new String[rows];
            java.util.Arrays.fill(partOfRow, "train");
            for (int row : split.test()) {
                partOfRow[row] = "test";
            }
            RowAssignmentFile.write(splitOut, inputs, "part", partOfRow);
        };
    }

    static TrainingRun train(picocli.CommandLine.Model.CommandSpec spec, CommonOptions common,
                             TrainingOptionsMixin protocol, DataInput data, LoadedSchema schema, Path modelDir,
                             Path runsDir) throws Exception {
        return train(spec, common, protocol, data, schema, modelDir, runsDir, null);
    }

    static TrainingRun train(picocli.CommandLine.Model.CommandSpec spec, CommonOptions common,
                             TrainingOptionsMixin protocol, DataInput data, LoadedSchema schema, Path modelDir,
                             Path runsDir, TrainingRun.SplitListener onSplit) throws Exception {
        requireTargets(data, modelDir);
        // the bundle is an MLflow Model too (MLmodel, model.onnx, ...), when its model exports to ONNX
        var options = protocol.toOptions(schema.schema().label().hasFamilies()).withFinish(MlflowModelFiles::attach);
        var validation = Validation.requireValid(spec, common, data, schema);
        String sha256 = data.sha256();
        try (RecordSource source = data.open(schema.schema())) {
            return TrainingRun.execute(new TrainingRun.Request(source, sha256, schema, modelDir, runsDir, options, validation,
                            onSplit),
                    line -> common.progress(spec.commandLine().getErr(), "%s", line));
        } catch (RunFolderException e) {
            throw bundleWritten(e, modelDir);
        }
    }

    /** A run record the disk did not take: exit code 3, saying that the bundle, written first, is whole. */
    static UserFacingException bundleWritten(RunFolderException e, Path modelDir) {
        return new UserFacingException(ExitCodes.IO, e.getMessage() + "; the model bundle in " + modelDir
                + " is written and whole", e);
    }

    /** What the bundle records of the run: its data, the selected model, its test figures. */
    static void print(picocli.CommandLine.Model.CommandSpec spec, TrainingRun run) {
        BundleManifest manifest = run.result().bundle().manifest();
        TrainingProvenance.DataProvenance data = manifest.training().data();
        var out = spec.commandLine().getOut();
        out.printf("Data: %,d rows (%,d %s); %,d distinct feature vectors, %,d of them seen with both labels%n",
                data.rows(), data.threatRows(), PredictCommand.threatsWord(run.result().bundle().schema().schema().label()),
                data.distinctFeatureVectors(), data.conflictingVectors());
        out.printf("Selected model: %s%n", run.result().search().selectedCandidate().describe());
        TrainingProvenance.Budget budget = manifest.training().search().budget();
        if (budget != null && !"full".equals(budget.method()) || budget != null && budget.finalFitRows() < data.trainRows()) {
            out.printf("Search budget: %s; candidates compared on %s training rows; final fit on %,d of %,d%n",
                    budget.method().replace('_', ' '), budget.rungs().stream()
                            .map(rung -> String.format("%,d (%d)", rung.rows(), rung.candidates().size()))
                            .collect(java.util.stream.Collectors.joining(", then ")),
                    budget.finalFitRows(), data.trainRows());
        }
        out.printf("Test part (%d rows, scored once; %d have an exact copy in the training part):%n",
                data.testRows(), data.testRowsWithCopyInTrain());
        for (ModelMetrics.Figure figure : manifest.metrics().figures()) {
            var ci = figure.ci95();
            out.printf("  %-20s %.4f%s%n", figure.name(), figure.value(),
                    ci == null ? "" : String.format("  (95%% CI %.4f-%.4f)", ci.low(), ci.high()));
        }
        var c = manifest.metrics().test().confusionMatrix();
        out.printf("  confusion matrix     TP %d  FP %d  TN %d  FN %d  (threshold %.4f)%n",
                c.truePositives(), c.falsePositives(), c.trueNegatives(), c.falseNegatives(), manifest.threshold().value());
        if (run.result().testFamilies() != null) {
            out.printf("Per family (test part; a threat's family is its most probable threat family):%n");
            FamilyTable.lines(run.result().testFamilies(), run.result().testFamilyIntervals())
                    .forEach(line -> out.printf("  %s%n", line));
        }
        out.printf("Model bundle: %s%nRun folder:   %s%n", run.modelDir(), run.runDir());
        out.flush();
    }
}
