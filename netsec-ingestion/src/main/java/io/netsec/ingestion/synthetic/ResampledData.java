package io.netsec.ingestion.synthetic;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.netsec.core.data.CsvOutput;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import io.netsec.ingestion.file.RecordSources;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * A larger data set drawn from an existing one: N rows drawn with replacement, each with K of its
 * feature cells changed to another value the schema allows (one of the column's {@code allowed}
 * values, or, for a column without a list, another value the source holds in that column), never
 * the label. The classes stay learnable while no two draws of a row need be equal, so anyone can
 * reproduce a benchmark's million rows from the public data and a seed.
 *
 * <p>The source rows are held in memory (the draws need random access); the output is streamed.
 *
 * <pre>{@code
 * ResampledData.read(Path.of("phisingData.csv"), schema).write(1_000_000, 2, 7, out, null);
 * }</pre>
 *
 * @param schema     the schema of the source and of the rows written
 * @param source     where the rows come from, for messages
 * @param header     the source's column names, in source order (the output's columns)
 * @param rows       the source rows' cells, in source order
 * @param changeable the source positions of the feature columns that have another value to take,
 *                   with those values ({@link Column})
 */
public record ResampledData(DataSchema schema, String source, List<String> header, List<String[]> rows,
                            List<Column> changeable) {

    /** A feature column that a draw may change, at its source position, and the values it may take. */
    public record Column(String name, int sourceIndex, List<String> values) {
        public Column {
            values = List.copyOf(values);
        }
    }

    public ResampledData {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        changeable = List.copyOf(changeable);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no data row to draw from");
        }
    }

    /** Reads every row of {@code file} (CSV or ARFF, checked against {@code schema} as training reads it). */
    public static ResampledData read(Path file, DataSchema schema) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (RecordSource records = RecordSources.open(file, schema)) {
            records.header().requireColumns(schema, false);
            for (RawRecord record; (record = records.next()) != null; ) {
                rows.add(record.cells().clone());
            }
            List<Column> changeable = new ArrayList<>();
            for (ColumnSpec feature : schema.features()) {
                int at = records.header().sourceIndex(schema.indexOf(feature.name()));
                List<String> values = feature.allowed().isEmpty() ? seenValues(rows, at) : feature.allowed();
                if (values.size() > 1) {
                    changeable.add(new Column(feature.name(), at, values));
                }
            }
            return new ResampledData(schema, records.name(), records.header().sourceColumns(), rows, changeable);
        }
    }

    /** The distinct values of a column, in order of first appearance (so that a seed gives the same draws). */
    private static List<String> seenValues(List<String[]> rows, int at) {
        Set<String> values = new LinkedHashSet<>();
        for (String[] row : rows) {
            if (at < row.length && row[at] != null && !row[at].isBlank()) {
                values.add(row[at].trim());
            }
        }
        return List.copyOf(values);
    }

    /**
     * Writes {@code count} drawn rows as UTF-8 CSV to {@code out} (left open), with the source's
     * header line unless the schema's files have none.
     *
     * @param changedCells how many feature cells of each row change (distinct columns)
     * @param progress     told the rows written every 100,000 rows; may be null
     */
    public void write(long count, int changedCells, long seed, OutputStream out, LongConsumer progress)
            throws IOException {
        if (count < 0) {
            throw new IllegalArgumentException("rows must not be negative, got " + count);
        }
        if (changedCells < 0 || changedCells > changeable.size()) {
            throw new IllegalArgumentException("cannot change " + changedCells + " cells of each row: " + source
                    + " has " + changeable.size() + " feature columns with another value to take");
        }
        SplittableRandom random = new SplittableRandom(seed);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        int[] columns = new int[changeable.size()];
        try (SequenceWriter sequence = schema.header() ? CsvOutput.rows(writer, header) : null) {
            for (long row = 1; row <= count; row++) {
                String[] cells = rows.get(random.nextInt(rows.size())).clone();
                for (int c = 0; c < columns.length; c++) {
                    columns[c] = c;
                }
                // The first K of a partial Fisher-Yates shuffle: K distinct columns, each equally likely.
                for (int k = 0; k < changedCells; k++) {
                    int pick = k + random.nextInt(columns.length - k);
                    int column = columns[pick];
                    columns[pick] = columns[k];
                    columns[k] = column;
                    Column changed = changeable.get(column);
                    cells[changed.sourceIndex()] = otherValue(changed, cells[changed.sourceIndex()], random);
                }
                if (sequence != null) {
                    sequence.write(cells);
                } else {
                    writer.write(CsvOutput.line(Arrays.asList(cells)));
                }
                if (progress != null && row % 100_000 == 0) {
                    progress.accept(row);
                }
            }
        }
        writer.flush();
    }

    /** A value of {@code column} other than {@code current}, each equally likely. */
    private static String otherValue(Column column, String current, SplittableRandom random) {
        List<String> values = column.values();
        String trimmed = current == null ? null : current.trim();
        int at = values.indexOf(trimmed);
        if (at < 0) {
            return values.get(random.nextInt(values.size())); // a missing cell takes any value
        }
        int pick = random.nextInt(values.size() - 1);
        return values.get(pick >= at ? pick + 1 : pick);
    }
}
