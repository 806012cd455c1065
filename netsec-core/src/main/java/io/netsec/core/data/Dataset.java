package io.netsec.core.data;

import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import java.util.Arrays;
import java.util.List;

/**
 * A labelled data set in memory, encoded by a {@link RowEncoder}: one row of feature codes per
 * record, the class of each record (1 = threat, 0 = benign) and its row number in the source.
 * Training and evaluation work on row indices into this, so splits never copy data.
 *
 * @param schema       the schema it was read with
 * @param source       where it came from, for messages and provenance
 * @param sha256       the SHA-256 of the source's bytes, or null when it has none
 * @param vocabularies the category lists of each feature (empty for numeric ones)
 * @param rows         encoded features, one array per record; never modified
 * @param labels       1 for a threat, 0 for benign
 * @param rowNumbers   the 1-based data row each record came from
 * @param classNames   when the schema's label has families: the classes (the benign name first,
 *                     {@link io.netsec.core.schema.LabelSpec#classes(java.util.Collection)} of the
 *                     label values read); else empty
 * @param classes      when the label has families: each record's index into {@code classNames}; else null
 */
public record Dataset(
        DataSchema schema,
        String source,
        String sha256,
        List<List<String>> vocabularies,
        double[][] rows,
        int[] labels,
        long[] rowNumbers,
        List<String> classNames,
        int[] classes) {

    public Dataset {
        vocabularies = vocabularies.stream().map(List::copyOf).toList();
        classNames = List.copyOf(classNames);
        if (rows.length != labels.length || rows.length != rowNumbers.length) {
            throw new IllegalArgumentException("rows, labels and row numbers differ in length");
        }
        if ((classes == null) != classNames.isEmpty() || classes != null && classes.length != rows.length) {
            throw new IllegalArgumentException("a data set of families needs class names and one class per row");
        }
    }

    /** A data set whose label has no families (threat or benign only). */
    public Dataset(DataSchema schema, String source, String sha256, List<List<String>> vocabularies, double[][] rows,
                   int[] labels, long[] rowNumbers) {
        this(schema, source, sha256, vocabularies, rows, labels, rowNumbers, List.of(), null);
    }

    /** Whether each record has a family ({@link #classes()}) as well as its threat-or-benign label. */
    public boolean hasFamilies() {
        return classes != null;
    }

    public int size() {
        return rows.length;
    }

    public int featureCount() {
        return vocabularies.size();
    }

    public List<ColumnSpec> features() {
        return schema.features();
    }

    public int threatCount() {
        return Arrays.stream(labels).sum();
    }

    /** The records at {@code indices}, in that order, as a data set of its own (rows are shared, not copied). */
    public Dataset subset(int[] indices) {
        double[][] subRows = new double[indices.length][];
        int[] subLabels = new int[indices.length];
        long[] subRowNumbers = new long[indices.length];
        int[] subClasses = classes == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            subRows[i] = rows[indices[i]];
            subLabels[i] = labels[indices[i]];
            subRowNumbers[i] = rowNumbers[indices[i]];
            if (subClasses != null) {
                subClasses[i] = classes[indices[i]];
            }
        }
        return new Dataset(schema, source, sha256, vocabularies, subRows, subLabels, subRowNumbers, classNames,
                subClasses);
    }
}
