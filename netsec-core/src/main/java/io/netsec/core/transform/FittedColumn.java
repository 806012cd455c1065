package io.netsec.core.transform;

import java.util.List;

/**
 * The fitted transformation of one raw feature: what fills it when missing, how it is encoded,
 * and how it is scaled. Plain values, so a bundle stores them as JSON.
 *
 * @param name       the feature column
 * @param encoding   NUMERIC (one input), ONE_HOT (one input per category) or ORDINAL (the category index)
 * @param fill       the value that replaces a missing one (a number, or a category index)
 * @param categories the categories of a categorical column, in code order (empty for numeric)
 * @param center     subtracted before scaling (0 when not scaled)
 * @param scale      divides after centering (1 when not scaled)
 */
public record FittedColumn(String name, ColumnEncoding encoding, double fill, List<String> categories,
                           double center, double scale) {

    public FittedColumn {
        categories = List.copyOf(categories);
        if (!Double.isFinite(fill) || !Double.isFinite(center) || !Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("column '" + name + "': fill, center and scale must be finite, scale non-zero");
        }
    }

    /** How many model inputs this column produces. */
    public int width() {
        return encoding == ColumnEncoding.ONE_HOT ? categories.size() : 1;
    }

    /** How a fitted column turns into model inputs. */
    public enum ColumnEncoding { NUMERIC, ONE_HOT, ORDINAL }
}
