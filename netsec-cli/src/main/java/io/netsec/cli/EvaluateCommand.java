package io.netsec.cli;

import io.netsec.core.bundle.BundleJson;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.experiment.metrics.FamilyTable;
import io.netsec.experiment.metrics.MetricNames;
import io.netsec.training.CrossValidatedEvaluation;
import io.netsec.training.TrainingRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code netsec evaluate}: nested k-fold cross-validation of the whole pipeline. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {
                "Cross-validates the whole pipeline: in each of --folds folds, the search (with --inner-folds folds),",
                "the threshold and the transformation see only the other folds, and the fold is scored once.",
                "Prints the mean and standard deviation of every metric.",
        },
        footerHeading = "%nExample:%n",
        footer = "  netsec evaluate --data ../shared/data/phisingData.csv --schema data_schema/phishing.yaml --folds 10 --duplicate-aware --json")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    TrainingOptionsMixin protocol;

    @Option(names = "--data", required = true, description = "The labelled data.")
    Path data;

    @Mixin
    SchemaOption schema;

    @Option(names = "--inner-folds", defaultValue = "3", description = "Folds of the model search inside each fold (default: ${DEFAULT-VALUE}).")
    int innerFolds;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--folds-out", paramLabel = "FILE", description = "Also write each data row's outer fold as CSV"
            + " (row,fold: row 0 is the file's first data row, folds count from 1), written before the evaluation"
            + " starts, for a baseline on exactly these folds (scripts/family_baseline.py).")
    Path foldsOut;

    @Override
    public Integer call() throws Exception {
        common.verbose();
        LoadedSchema loaded = schema.load();
        InputFiles.requireFile(data);
        Dataset dataset;
        try (RecordSource source = DataFiles.open(data, loaded.schema())) {
            dataset = DatasetReader.read(source, loaded.schema(), TrainingRun.sha256(data), null);
        }
        int outerFolds = protocol.folds;
        // as train: with attack families, the candidates that cannot learn them are left out (or refused when named)
        var options = protocol.toOptions(loaded.schema().label().hasFamilies()).withBootstrapResamples(0)
                .withFolds(innerFolds);
        if (foldsOut != null) {
            writeFolds(CrossValidatedEvaluation.outerFolds(dataset, outerFolds, options), dataset.size());
        }
        CrossValidatedEvaluation.Report report = CrossValidatedEvaluation.run(dataset, outerFolds, options,
                line -> common.progress(spec.commandLine().getErr(), "%s", line));
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            out.printf("%d-fold cross-validation of the whole pipeline (%s, seed %d, %d rows; precision, recall and F1 of"
                            + " the threat class, %s):%n", outerFolds, options.duplicateAware() ? "duplicate-aware" : "stratified",
                    options.seed(), dataset.size(), loaded.schema().label().threatName());
            report.mean().forEach((name, mean) -> {
                if (MetricNames.NUMERIC.containsKey(name)) {
                    out.printf("  %-20s %.4f ± %.4f%n", name, mean, report.standardDeviation().get(name));
                }
            });
            for (CrossValidatedEvaluation.FoldOutcome fold : report.perFold()) {
                Double macroF1 = fold.metrics().get("macro_f1");
                out.printf("  fold %2d: accuracy %.4f, ROC AUC %.4f,%s %d of %d test rows copied in training; %s%n",
                        fold.fold(), fold.metrics().get("accuracy"), fold.metrics().get("roc_auc"),
                        macroF1 == null ? "" : String.format(" macro F1 %.4f,", macroF1),
                        fold.testRowsWithCopyInTrain(), fold.testRows(), fold.selected());
            }
            if (report.families() != null) {
                printFamilies(out, report);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * The per-family figures: pooled over the folds (each fold's calls, at its own threshold, in
     * one confusion matrix), then each class's recall and F1 and the averages as mean ± standard
     * deviation over the folds (a class's over the folds with rows of it).
     */
    private static void printFamilies(java.io.PrintWriter out, CrossValidatedEvaluation.Report report) {
        out.printf("Per family, pooled over the %d folds (their confusion matrices summed):%n", report.folds());
        FamilyTable.lines(report.families(), Map.of()).forEach(line -> out.printf("  %s%n", line));
        out.printf("Per family, mean ± standard deviation over the folds:%n");
        report.mean().forEach((name, mean) -> {
            boolean shown = name.startsWith("recall_") || name.startsWith("f1_") || name.startsWith("macro_")
                    || name.startsWith("weighted_");
            if (shown && !MetricNames.NUMERIC.containsKey(name)) {
                out.printf("  %-20s %.4f ± %.4f%n", name, mean, report.standardDeviation().get(name));
            }
        });
    }

    /** {@code --folds-out}: one line per data row, in file order, with its outer fold. */
    private void writeFolds(java.util.List<int[]> folds, int rows) throws java.io.IOException {
        String[] foldOfRow = new String[rows];
        for (int f = 0; f < folds.size(); f++) {
            for (int row : folds.get(f)) {
                foldOfRow[row] = String.valueOf(f + 1);
            }
        }
        RowAssignmentFile.write(foldsOut, java.util.List.of(data), "fold", foldOfRow);
    }
}
