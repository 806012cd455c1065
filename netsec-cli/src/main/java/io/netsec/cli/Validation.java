package io.netsec.cli;

import io.netsec.ingestion.DataInput;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.validate.CellIssue;
import io.netsec.core.validate.ValidationOptions;
import io.netsec.core.validate.ValidationReport;
import io.netsec.core.validate.Validator;
import picocli.CommandLine.Model.CommandSpec;

/** Validation before training: nothing is trained on data that breaks its schema. */
final class Validation {

    private Validation() {
    }

    /**
     * Validates {@code data} (a file or a collection); prints a one-line summary of the duplicates and conflicts found.
     *
     * @throws DataException naming the first problem when the data breaks the schema
     */
    static ValidationReport requireValid(CommandSpec spec, CommonOptions common, DataInput data, LoadedSchema schema)
            throws Exception {
        var err = spec.commandLine().getErr();
        ValidationReport report;
        try (RecordSource source = data.open(schema.schema())) {
            report = new Validator().validate(source, schema.schema(),
                    ValidationOptions.DEFAULTS.withProgress(rows -> common.progress(err, "validate: %,d rows read", rows)));
        }
        if (!report.valid()) {
            if (!report.missingColumns().isEmpty()) {
                throw new DataException(data.name(), 0, report.missingColumns().get(0),
                        "missing column(s) " + report.missingColumns() + "; run 'netsec validate' for the full report");
            }
            CellIssue first = report.problems().get(0);
            // A collection's row number alone does not find the document; its _id does.
            String where = first.documentId() == null ? "" : "document _id " + first.documentId() + ": ";
            throw new DataException(data.name(), first.row(), first.column(), where + first.problem() + " ("
                    + report.problemCount() + " problem(s) in all; run 'netsec validate' for the full report)");
        }
        common.progress(err, "validate: %,d rows valid; %,d repeat an earlier row; %,d feature vectors occur with both labels",
                report.rowsRead(), report.duplicates().duplicateRows(), report.conflicts().conflictingVectors());
        return report;
    }
}
