package io.netsec.cli;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.netsec.core.data.CsvOutput;
import io.netsec.core.data.RawRecord;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The reject file: row number, the document's {@code _id} when the input is a collection (its
 * row number alone does not find the document), reason, then the row's cells as read.
 */
final class RejectWriter implements AutoCloseable {
    private final Writer writer;
    private final SequenceWriter rows;
    private final boolean documents;

    RejectWriter(OutputStream out, List<String> columns, boolean documents) throws java.io.IOException {
        writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        this.documents = documents;
        List<String> header = new java.util.ArrayList<>(
                documents ? List.of("row", "_id", "reason") : List.of("row", "reason"));
        header.addAll(columns);
        rows = CsvOutput.rows(writer, header);
    }

    void write(RawRecord record, String reason) throws java.io.IOException {
        int first = documents ? 3 : 2;
        String[] cells = new String[record.cells().length + first];
        cells[0] = Long.toString(record.row());
        if (documents) {
            cells[1] = record.documentId();
        }
        cells[first - 1] = reason;
        System.arraycopy(record.cells(), 0, cells, first, record.cells().length);
        rows.write(cells);
    }

    @Override
    public void close() throws java.io.IOException {
        rows.close();
        writer.close();
    }
}
