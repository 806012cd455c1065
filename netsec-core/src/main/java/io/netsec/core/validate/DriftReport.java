package io.netsec.core.validate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Whether a current data set is distributed like a reference, column by column.
 *
 * @param reference         the reference source
 * @param current           the current source
 * @param referenceRows     rows in the reference
 * @param currentRows       rows in the current data
 * @param regime            {@code statistical_tests} (reference of at most {@code small_reference_rows} rows) or {@code distances}
 * @param columns           one verdict per feature column, in schema order
 * @param driftedColumns    how many columns drift
 * @param driftShare        driftedColumns / columns
 * @param datasetDriftShare the share of drifting columns from which the data set drifts
 * @param datasetDrift      whether the data set as a whole drifts
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DriftReport(
        String reference,
        String current,
        long referenceRows,
        long currentRows,
        String regime,
        List<ColumnDrift> columns,
        int driftedColumns,
        double driftShare,
        double datasetDriftShare,
        boolean datasetDrift) {

    public DriftReport {
        columns = List.copyOf(columns);
    }

    /** The verdict of column {@code name}, or null. */
    public ColumnDrift column(String name) {
        return columns.stream().filter(c -> c.column().equals(name)).findFirst().orElse(null);
    }
}
