package io.netsec.core.bundle;

import io.netsec.core.validate.ColumnDistribution;
import io.netsec.core.validate.DataProfile;
import java.util.List;

/**
 * What a served model's traffic is compared with (format version 5): the distribution of each
 * feature over the rows the model was trained on, and their share of threats. As large as the
 * number of distinct values per feature, not of rows.
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

    /** The reference of {@code profile}, with its threat rows. */
    public static TrainingReference of(DataProfile profile, long threatRows) {
        return new TrainingReference(profile.rows(), threatRows, profile.columns());
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
