package io.netsec.ingestion.file;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.netsec.core.data.CsvOutput;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RecordSource;
import io.netsec.core.data.TableHeader;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import java.io.IOException;
import java.io.Writer;
import java.util.function.LongConsumer;

/**
 * Writes the records of any source as CSV in the schema's shape: the schema's column names in
 * schema order (so an ARFF {@code port} column comes out as {@code port_no}), one line per
 * record, {@code \n} line ends, and RFC 4180 quoting only where a cell needs it.
 *
 * <pre>{@code
 * try (RecordSource arff = ArffRecordSource.open(arffFile, schema);
 *      Writer out = Files.newBufferedWriter(csvFile)) {
 *     long rows = CsvExport.write(arff, schema, out, row -> { });
 * }
 * }</pre>
 */
public final class CsvExport {

    /** How often {@link #write} reports progress, in rows. */
    public static final long PROGRESS_EVERY = 100_000;

    private CsvExport() {
    }

    /**
     * Writes a header line and every remaining record of {@code source} to {@code out}, which
     * stays open. Feature and label columns must be present in the source; other schema columns
     * the source lacks are written empty, and source columns the schema does not know are left
     * out.
     *
     * @param progress called with the number of rows written every {@link #PROGRESS_EVERY} rows
     * @return the number of data rows written
     * @throws io.netsec.core.data.DataException when a required column is missing or the source is malformed
     */
    public static long write(RecordSource source, DataSchema schema, Writer out, LongConsumer progress) throws IOException {
        TableHeader header = source.header();
        header.requireColumns(schema, false);
        int width = schema.columns().size();
        long rows = 0;
        try (SequenceWriter csv = CsvOutput.rows(out, schema.columns().stream().map(ColumnSpec::name).toList())) {
            String[] cells = new String[width];
            for (RawRecord record; (record = source.next()) != null; ) {
                for (int c = 0; c < width; c++) {
                    String cell = record.cell(header.sourceIndex(c));
                    cells[c] = cell == null ? "" : cell;
                }
                csv.write(cells);
                if (++rows % PROGRESS_EVERY == 0) {
                    progress.accept(rows);
                }
            }
        }
        return rows;
    }
}
