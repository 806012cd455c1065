package io.netsec.core.bundle;

import io.netsec.core.validate.ColumnDistribution;
import io.netsec.core.validate.DataProfile;
import java.util.List;

/**
 * What a served model's traffic is compared with (format version 5): the distribution of each
 * feature over the rows the model was trained on, and their share of threats. As large as the
 * number of distinct values per feature (at most {@value #MAX_VALUES} per numeric one), not of rows.
 *
 * @param rows       rows of the training data
 * @param threatRows of them, rows labelled a threat
 * @param columns    one distribution per feature, in schema order
 */
public record TrainingReference(long rows, long threatRows, List<ColumnDistribution> columns) {

    /** What the reference is called in drift reports. */
    public static final String SOURCE = "training data";

    public TrainingReference {
        columns = List.copyOf(columns);
    }

    /** The most distinct numbers a numeric column's distribution keeps ({@link ColumnDistribution#atMost}). */
    public static final int MAX_VALUES = 1_000;

    /**
     * The reference of {@code profile}, with its threat rows; a numeric column with more than
     * {@value #MAX_VALUES} distinct values is kept as that many runs of about equal count.
     */
    public static TrainingReference of(DataProfile profile, long threatRows) {
        return new TrainingReference(profile.rows(), threatRows,
                profile.columns().stream().map(column -> column.atMost(MAX_VALUES)).toList());
    }

    /** The profile the drift detector compares. */
    public DataProfile profile() {
        return new DataProfile(SOURCE, rows, columns);
    }

    /** The share of threats in the training data, in [0, 1]. */
    public double threatShare() {
        return rows == 0 ? 0 : (double) threatRows / rows;
    }
}
