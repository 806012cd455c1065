package io.netsec.core.validate;

import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RecordSource;
import io.netsec.core.data.TableHeader;
import io.netsec.core.schema.CellParser;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.ColumnType;
import io.netsec.core.schema.DataSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The distribution of every feature column of one data set: what {@link DriftDetector}
 * compares. Build one by streaming a source once:
 *
 * <pre>{@code
 * try (RecordSource source = CsvRecordSource.open(path, schema)) {
 *     DataProfile reference = DataProfile.of(source, schema);
 * }
 * }</pre>
 *
 * @param source  the file or collection profiled
 * @param rows    rows read
 * @param columns one distribution per feature column present in the source, in schema order
 */
public record DataProfile(String source, long rows, List<ColumnDistribution> columns) {

    public DataProfile {
        columns = List.copyOf(columns);
    }

    /** The distribution of column {@code name}, or null. */
    public ColumnDistribution column(String name) {
        return columns.stream().filter(c -> c.column().equals(name)).findFirst().orElse(null);
    }

    /** Streams every record of {@code source} (rows whose width differs from the header's are skipped). */
    public static DataProfile of(RecordSource source, DataSchema schema) throws IOException {
        Collector collector = new Collector(schema, source.header());
        for (RawRecord record; (record = source.next()) != null; ) {
            collector.accept(record);
        }
        return collector.finish(source.name());
    }

    /** Accumulates a profile record by record, for stages that already stream a source. */
    public static final class Collector {

        private final DataSchema schema;
        private final List<ColumnSpec> columns = new ArrayList<>();
        private final int[] sourceIndex;
        private final List<Map<Object, long[]>> counts = new ArrayList<>();
        private final int width;
        private long rows;

        /** A collector for the feature columns {@code header} has. */
        public Collector(DataSchema schema, TableHeader header) {
            this.schema = schema;
            this.width = header.sourceColumns().size();
            List<Integer> positions = new ArrayList<>();
            List<ColumnSpec> all = schema.columns();
            for (int c = 0; c < all.size(); c++) { // by position, not a search by name per column
                ColumnSpec column = all.get(c);
                int position = column.isFeature() ? header.sourceIndex(c) : -1;
                if (position >= 0) {
                    columns.add(column);
                    positions.add(position);
                    counts.add(new HashMap<>());
                }
            }
            this.sourceIndex = positions.stream().mapToInt(Integer::intValue).toArray();
        }

        /** Counts the feature cells of one record; missing and unreadable cells are left out. */
        public void accept(RawRecord record) {
            rows++;
            if (record.cells().length != width) {
                return;
            }
            for (int i = 0; i < sourceIndex.length; i++) {
                String cell = record.cell(sourceIndex[i]);
                if (schema.isMissing(cell)) {
                    continue;
                }
                ColumnType type = columns.get(i).type();
                Object key;
                if (type.isNumeric()) {
                    double value = CellParser.toDouble(type, cell);
                    if (Double.isNaN(value)) {
                        continue;
                    }
                    key = value == 0 ? 0.0 : value; // -0.0 and 0.0 are one value
                } else {
                    key = cell.trim();
                }
                counts.get(i).computeIfAbsent(key, k -> new long[1])[0]++;
            }
        }

        /** The profile of everything accepted so far. */
        public DataProfile finish(String source) {
            List<ColumnDistribution> distributions = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                ColumnSpec column = columns.get(i);
                TreeMap<Object, long[]> sorted = new TreeMap<>(counts.get(i));
                long[] tally = sorted.values().stream().mapToLong(c -> c[0]).toArray();
                if (column.type().isNumeric()) {
                    double[] values = sorted.keySet().stream().mapToDouble(k -> (Double) k).toArray();
                    distributions.add(new ColumnDistribution(column.name(), true, values, List.of(), tally));
                } else {
                    List<String> categories = sorted.keySet().stream().map(k -> (String) k).toList();
                    distributions.add(new ColumnDistribution(column.name(), false, new double[0], categories, tally));
                }
            }
            return new DataProfile(source, rows, distributions);
        }
    }
}
