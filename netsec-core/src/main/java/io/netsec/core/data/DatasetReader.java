package io.netsec.core.data;

import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.LabelClasses;
import io.netsec.core.schema.LabelSpec;
import io.netsec.core.schema.UnknownThreat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Reads a whole labelled source into a {@link Dataset}, failing on the first cell that breaks
 * the schema with its row and column. Run the validator first to see every problem at once.
 */
public final class DatasetReader {

    private DatasetReader() {
    }

    /** Reads every record of {@code source} with {@code schema}. */
    public static Dataset read(RecordSource source, DataSchema schema, String sha256, LongConsumer progress)
            throws IOException {
        TableHeader header = source.header();
        header.requireColumns(schema, false);
        RowEncoder encoder = RowEncoder.learning(schema);
        int labelSource = header.sourceIndex(schema.labelIndex());
        int featureCount = encoder.features().size();
        List<double[]> rows = new ArrayList<>();
        IntList labels = new IntList();
        LongList rowNumbers = new LongList();
        LabelSpec label = schema.label();
        // 'unknown_threat: reject': a threat value no family lists is bad data, found here rather than in training
        LabelClasses families = label.unknownThreat() == UnknownThreat.REJECT ? label.classes() : null;
        // with families, each record's label value, to give it its class once every value is known ('families: each')
        List<String> labelValues = label.hasFamilies() ? new ArrayList<>() : null;
        for (RawRecord record; (record = source.next()) != null; ) {
            requireWidth(source.name(), header, record);
            double[] features = new double[featureCount];
            int bad = encoder.encode(record, header, features);
            if (bad >= 0) {
                String column = encoder.features().get(bad).name();
                String cell = record.cell(header.sourceIndex(encoder.schemaIndexOfFeature(bad)));
                throw new DataException(source.name(), record.row(), column,
                        record.located(encoder.problem().description() + ": '" + abbreviate(cell) + "'"));
            }
            String labelCell = record.cell(labelSource);
            LabelSpec.LabelClass labelClass = encoder.labelOf(labelCell);
            if (labelClass == null) {
                throw new DataException(source.name(), record.row(), schema.label().column(),
                        record.located(schema.isMissing(labelCell) ? "the label is missing"
                                : "label '" + abbreviate(labelCell) + "' is neither a threat value "
                                + schema.label().threat() + " nor a benign value " + schema.label().benign()));
            }
            if (families != null && labelClass == LabelSpec.LabelClass.THREAT && families.indexOf(labelCell).isEmpty()) {
                throw new DataException(source.name(), record.row(), label.column(), record.located("threat '"
                        + abbreviate(labelCell) + "' is in none of the families " + families.names().subList(1,
                        families.names().size()) + " and the schema says 'unknown_threat: reject'"));
            }
            rows.add(features);
            if (labelValues != null) {
                labelValues.add(labelCell);
            }
            labels.add(labelClass == LabelSpec.LabelClass.THREAT ? 1 : 0);
            rowNumbers.add(record.row());
            if (progress != null && record.row() % 100_000 == 0) {
                progress.accept(record.row());
            }
        }
        if (rows.isEmpty()) {
            throw new DataException(source.name(), -1, null, "the source has a header but no data rows");
        }
        if (labelValues == null) {
            return new Dataset(schema, source.name(), sha256, encoder.vocabularies(),
                    rows.toArray(double[][]::new), labels.toArray(), rowNumbers.toArray());
        }
        LabelClasses classes = label.classes(new java.util.HashSet<>(labelValues));
        int[] classOfRow = new int[labelValues.size()];
        long[] numbers = rowNumbers.toArray();
        for (int i = 0; i < classOfRow.length; i++) {
            int row = i;
            classOfRow[i] = classes.indexOf(labelValues.get(i)).orElseThrow(() -> new DataException(source.name(),
                    numbers[row], label.column(), "label '" + abbreviate(labelValues.get(row)) + "' is in none of the"
                    + " classes " + classes.names()));
        }
        return new Dataset(schema, source.name(), sha256, encoder.vocabularies(), rows.toArray(double[][]::new),
                labels.toArray(), numbers, classes.names(), classOfRow);
    }

    /** Fails when a record has a different number of cells than the header. */
    public static void requireWidth(String source, TableHeader header, RawRecord record) {
        requireWidth(source, header, record.row(), record.cells().length);
    }

    /** As {@link #requireWidth(String, TableHeader, RawRecord)} for a row of {@code cells} cells. */
    public static void requireWidth(String source, TableHeader header, long row, int cells) {
        int expected = header.sourceColumns().size();
        if (cells != expected) {
            throw new DataException(source, row, null, "the row has " + cells + " cells, the header " + expected);
        }
    }

    /** Cuts long cell texts so a message stays one readable line. */
    public static String abbreviate(String cell) {
        if (cell == null) {
            return "";
        }
        String oneLine = cell.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
