package io.netsec.spark;

import io.netsec.core.transform.FittedColumn;
import io.netsec.core.transform.FittedTransform;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FittedTransform} as plain serializable values, for the executors: netsec-core's records
 * are not {@link Serializable} (the bundle's JSON is their one persistent form). A KNN imputer
 * is not carried: {@code netsec-spark train} fits median and most-frequent imputation only.
 */
final class ShippedTransform implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String[] names;
    private final int[] encodings;
    private final double[] fills;
    private final String[][] categories;
    private final double[] centers;
    private final double[] scales;
    private transient FittedTransform transform;

    ShippedTransform(FittedTransform transform) {
        if (transform.knnReference() != null) {
            throw new IllegalArgumentException("KNN imputation is not shipped to Spark executors");
        }
        List<FittedColumn> columns = transform.columns();
        int n = columns.size();
        names = new String[n];
        encodings = new int[n];
        fills = new double[n];
        categories = new String[n][];
        centers = new double[n];
        scales = new double[n];
        for (int c = 0; c < n; c++) {
            FittedColumn column = columns.get(c);
            names[c] = column.name();
            encodings[c] = column.encoding().ordinal();
            fills[c] = column.fill();
            categories[c] = column.categories().toArray(String[]::new);
            centers[c] = column.center();
            scales[c] = column.scale();
        }
        this.transform = transform;
    }

    /** The transformation, rebuilt once per deserialised copy. */
    FittedTransform transform() {
        if (transform == null) {
            List<FittedColumn> columns = new ArrayList<>(names.length);
            for (int c = 0; c < names.length; c++) {
                columns.add(new FittedColumn(names[c], FittedColumn.ColumnEncoding.values()[encodings[c]], fills[c],
                        List.of(categories[c]), centers[c], scales[c]));
            }
            transform = new FittedTransform(columns, null);
        }
        return transform;
    }
}
