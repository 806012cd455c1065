package io.netsec.cli;

import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.DriftSettings;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.validate.CellIssue;
import io.netsec.core.validate.ClassBalance;
import io.netsec.core.validate.ColumnDrift;
import io.netsec.core.validate.DataProfile;
import io.netsec.core.validate.DriftReport;
import io.netsec.core.validate.ProblemCount;
import io.netsec.core.validate.ValidationOptions;
import io.netsec.core.validate.ValidationReport;
import io.netsec.core.validate.Validator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code netsec validate}: what a data set really holds, checked against its schema, optionally against a reference. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
                "Checks a data set against its schema and reports what it holds: cells that break the schema "
                        + "(row, column, value), missing values, exact duplicate rows, feature vectors seen with both "
                        + "classes, the class balance and, with --reference, drift per feature column.",
                "",
                "Drift uses statistical tests (Kolmogorov-Smirnov, chi-squared) while the reference has at most "
                        + "small_reference_rows rows, distances (normed Wasserstein, Jensen-Shannon) beyond; thresholds "
                        + "come from the schema's 'drift' section unless overridden below.",
                "",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  netsec validate --schema data_schema/phishing.yaml --data network_data/phisingData.csv",
                "  netsec validate --schema data_schema/phishing.yaml --data new.csv --reference old.csv --json > report.json",
                "  netsec validate --schema data_schema/phishing.yaml --database netsec --collection phishing  (URI from MONGODB_URI)",
                "",
                "Exit code 0 when the data is valid, 2 when a column is missing or a cell breaks the schema.",
                "Drift is reported but does not change the exit code.",
        })
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--schema", required = true, paramLabel = "FILE", description = "The schema (YAML) the data must follow.")
    Path schemaFile;

    @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    DataSourceOptions data;

    @Option(names = "--reference", paramLabel = "FILE", description = "A reference data set (CSV) to check the data for drift against.")
    Path referenceFile;

    @Option(names = "--json", description = "Print the report as JSON (snake_case keys) instead of text.")
    boolean json;

    @Option(names = "--max-problems", paramLabel = "N", defaultValue = "20",
            description = "List at most N problems one by one; all are counted (default: ${DEFAULT-VALUE}).")
    int maxProblems;

    @Option(names = "--drift-p-value", paramLabel = "P", description = "A test drifts when its p-value is below P.")
    Double pValue;

    @Option(names = "--drift-wasserstein-threshold", paramLabel = "D",
            description = "A numeric column drifts when its normed Wasserstein distance reaches D.")
    Double wassersteinThreshold;

    @Option(names = "--drift-jensen-shannon-threshold", paramLabel = "D",
            description = "A categorical column drifts when its Jensen-Shannon distance reaches D.")
    Double jensenShannonThreshold;

    @Option(names = "--drift-psi-threshold", paramLabel = "X", description = "The PSI that counts as a shift.")
    Double psiThreshold;

    @Option(names = "--drift-small-reference-rows", paramLabel = "N",
            description = "Use tests up to N reference rows, distances beyond.")
    Integer smallReferenceRows;

    @Option(names = "--drift-dataset-share", paramLabel = "S",
            description = "The data set drifts when at least this share of its columns drift.")
    Double datasetDriftShare;

    @Override
    public Integer call() throws IOException {
        if (maxProblems < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-problems must not be negative");
        }
        requireFile(schemaFile);
        if (data.file != null) {
            requireFile(data.file);
        }
        if (referenceFile != null) {
            requireFile(referenceFile);
        }
        DataSchema schema = SchemaLoader.load(schemaFile).schema();
        DriftSettings settings = driftSettings(schema.drift());
        PrintWriter err = spec.commandLine().getErr();
        ValidationOptions options = ValidationOptions.DEFAULTS.withMaxProblems(maxProblems);
        if (referenceFile != null) {
            try (RecordSource source = DataFiles.open(referenceFile, schema)) {
                common.progress(err, "validate: reading the reference %s", referenceFile);
                options = options.withReference(DataProfile.of(source, schema), settings);
            }
        }
        options = options.withProgress(rows -> common.progress(err, "validate: %,d rows read", rows));
        ValidationReport report;
        try (RecordSource source = data.input().open(schema)) {
            report = new Validator().validate(source, schema, options);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            printText(out, report, schema);
        }
        out.flush();
        return report.valid() ? ExitCodes.OK : ExitCodes.INVALID_DATA;
    }

    private static void requireFile(Path file) throws IOException {
        InputFiles.requireFile(file);
    }

    /** The schema's thresholds with the command line's overrides; a bad value is a usage error. */
    private DriftSettings driftSettings(DriftSettings base) {
        try {
            return new DriftSettings(
                    Objects.requireNonNullElse(pValue, base.pValue()),
                    Objects.requireNonNullElse(wassersteinThreshold, base.wassersteinThreshold()),
                    Objects.requireNonNullElse(jensenShannonThreshold, base.jensenShannonThreshold()),
                    Objects.requireNonNullElse(psiThreshold, base.psiThreshold()),
                    Objects.requireNonNullElse(smallReferenceRows, base.smallReferenceRows()),
                    Objects.requireNonNullElse(datasetDriftShare, base.datasetDriftShare()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "drift option: " + e.getMessage());
        }
    }

    private static void printText(PrintWriter out, ValidationReport report, DataSchema schema) {
        out.printf(Locale.ROOT, "%s: %s against schema '%s', %,d rows read%n", report.source(),
                report.valid() ? "VALID" : "INVALID", report.schema(), report.rowsRead());
        out.printf(Locale.ROOT, "Missing columns:    %s%n", listOrNone(report.missingColumns()));
        out.printf(Locale.ROOT, "Unexpected columns: %s%n", listOrNone(report.unexpectedColumns()));
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Long> entry : report.missingValues().entrySet()) {
            if (entry.getValue() > 0) {
                missing.add(String.format(Locale.ROOT, "%s %,d", entry.getKey(), entry.getValue()));
            }
        }
        out.printf(Locale.ROOT, "Missing values:     %s%n", listOrNone(missing));
        out.printf(Locale.ROOT, "Duplicates:         %,d rows repeat an earlier row (%,d distinct rows)%n",
                report.duplicates().duplicateRows(), report.duplicates().distinctRows());
        out.printf(Locale.ROOT, "Conflicts:          %,d of %,d distinct feature vectors occur with both classes, covering %,d rows%n",
                report.conflicts().conflictingVectors(), report.conflicts().distinctFeatureVectors(),
                report.conflicts().rowsCovered());
        ClassBalance balance = report.classBalance();
        out.printf(Locale.ROOT, "Class balance:      threat (%s) %,d (%.1f%%), benign (%s) %,d (%.1f%%)%s%n",
                schema.label().threatName(), balance.threat(), 100 * balance.threatShare(),
                schema.label().benignName(), balance.benign(), 100 * balance.benignShare(),
                balance.unlabelled() > 0 ? String.format(Locale.ROOT, ", unlabelled %,d", balance.unlabelled()) : "");
        out.printf(Locale.ROOT, "Problems:           %,d%n", report.problemCount());
        if (report.problemCount() > 0) {
            out.println();
            List<String[]> rows = new ArrayList<>();
            // A collection's documents are found by their _id, not by the order they were read in.
            boolean documents = report.problems().stream().anyMatch(issue -> issue.documentId() != null);
            rows.add(documents ? new String[] {"ROW", "_ID", "COLUMN", "KIND", "VALUE"}
                    : new String[] {"ROW", "COLUMN", "KIND", "VALUE"});
            for (CellIssue issue : report.problems()) {
                String[] row = {Long.toString(issue.row()), columnName(issue.column()), issue.kind().jsonName(),
                        "'" + issue.value() + "'"};
                rows.add(documents ? new String[] {row[0], String.valueOf(issue.documentId()), row[1], row[2], row[3]} : row);
            }
            printTable(out, rows);
            if (report.problems().size() < report.problemCount()) {
                out.printf(Locale.ROOT, "  ... the first %,d of %,d problems (--max-problems to see more)%n",
                        report.problems().size(), report.problemCount());
            }
            out.println();
            List<String[]> counts = new ArrayList<>();
            counts.add(new String[] {"COLUMN", "KIND", "COUNT"});
            for (ProblemCount count : report.problemCounts()) {
                counts.add(new String[] {columnName(count.column()), count.kind().jsonName(),
                        String.format(Locale.ROOT, "%,d", count.count())});
            }
            printTable(out, counts);
        }
        if (report.drift() != null) {
            printDrift(out, report.drift());
        }
    }

    private static void printDrift(PrintWriter out, DriftReport drift) {
        out.println();
        out.printf(Locale.ROOT, "Drift against %s (%,d reference rows, %s): %d of %d columns drift (%.0f%%); "
                        + "data set drift: %s (from %.0f%%)%n",
                drift.reference(), drift.referenceRows(), drift.regime().replace('_', ' '), drift.driftedColumns(),
                drift.columns().size(), 100 * drift.driftShare(), drift.datasetDrift() ? "YES" : "no",
                100 * drift.datasetDriftShare());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"COLUMN", "METHOD", "STATISTIC", "P-VALUE", "THRESHOLD", "PSI", "DRIFT"});
        for (ColumnDrift column : drift.columns()) {
            rows.add(new String[] {column.column(), column.method(), number(column.statistic()),
                    column.pValue() == null ? "-" : number(column.pValue()), number(column.threshold()),
                    number(column.psi()), column.drift() ? "DRIFT" : "-"});
        }
        printTable(out, rows);
    }

    private static String number(double value) {
        return value != 0 && Math.abs(value) < 0.0001 ? String.format(Locale.ROOT, "%.2e", value)
                : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String columnName(String column) {
        return column == null ? "(row)" : column;
    }

    /** The names, at most 20 of them (a file with 20,000 unknown columns stays readable; --json has all). */
    private static String listOrNone(List<String> items) {
        if (items.isEmpty()) {
            return "none";
        }
        int shown = Math.min(items.size(), 20);
        return String.join(", ", items.subList(0, shown))
                + (shown < items.size() ? String.format(Locale.ROOT, " and %,d more", items.size() - shown) : "");
    }

    /** Left-aligned columns, two spaces apart, indented by two. */
    private static void printTable(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.length; i++) {
                line.append(' ').append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
