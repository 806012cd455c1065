package io.netsec.core.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netsec.core.data.CsvRecordBounds;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.TableHeader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The reader of a block's records that are not plain (a quote, a byte outside ASCII): a run of
 * them in a row, read by Jackson's CSV parser as {@code CsvRecordSource} reads every record, so
 * quoting, escapes and line ends inside quotes follow Jackson's rules alone. Plain records come
 * here only for a bundle of attack families (a class model has no plan that reads bytes); else the
 * engine reads them from their bytes.
 */
final class QuotedRecords implements Closeable {

    private final String name;
    private final TableHeader header;
    private final JsonParser parser;
    private final boolean notUtf8;
    private String[] cells;
    private int count;

    /** Opens a parser over records {@code first} to {@code last} of the block. */
    QuotedRecords(String name, TableHeader header, byte[] bytes, CsvRecordBounds bounds, int first, int last)
            throws IOException {
        this.name = name;
        this.header = header;
        int start = bounds.start(first);
        String text = new String(bytes, start, bounds.end(last) - start, StandardCharsets.UTF_8);
        this.notUtf8 = text.indexOf('\uFFFD') >= 0;
        this.parser = CsvBlocks.CSV.createParser(text);
        this.cells = new String[Math.max(1, header.sourceColumns().size())];
    }

    /**
     * The index of the last record of the run of records from {@code first} that are neither
     * plain nor blank (record {@code first} is one).
     */
    static int lastOfRun(CsvRecordBounds bounds, int first) {
        int last = first;
        while (last + 1 < bounds.count() && bounds.start(last + 1) != bounds.end(last + 1) && !bounds.plain(last + 1)) {
            last++;
        }
        return last;
    }

    /**
     * The next record's cells, as row {@code row}.
     *
     * @throws DataException when the CSV is malformed, or the record has bytes that are not UTF-8
     *                       (the file's encoding is wrong, not this row: no reject)
     */
    RawRecord next(long row) throws IOException {
        count = 0;
        try {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_ARRAY) {
                throw new IllegalStateException("the CSV blocks lost step with Jackson at row " + row);
            }
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                if (count == cells.length) {
                    cells = Arrays.copyOf(cells, 2 * count);
                }
                cells[count++] = parser.getText();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw CsvBlocks.malformed(name, row, e);
        }
        RawRecord record = new RawRecord(row, Arrays.copyOf(cells, count));
        if (notUtf8) {
            requireUtf8(record);
        }
        return record;
    }

    private void requireUtf8(RawRecord record) {
        String[] values = record.cells();
        for (int i = 0; i < values.length; i++) {
            if (values[i].indexOf('\uFFFD') >= 0) {
                String column = i < header.sourceColumns().size() ? header.sourceColumns().get(i) : null;
                throw new DataException(name, record.row(), column, "bytes that are not UTF-8 (save the file as UTF-8)");
            }
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
