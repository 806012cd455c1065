package io.netsec.core.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.netsec.core.schema.DataSchema;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams a CSV file (RFC 4180 quoting, a header line, UTF-8 with or without a byte-order mark)
 * through Jackson's CSV parser. Memory stays constant whatever the file size. When the schema
 * says the file has no header line ({@code header: false}), the first line is data row 1 and the
 * columns are the schema's by position ({@link TableHeader#byPosition}).
 */
public final class CsvRecordSource implements RecordSource {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .build();

    private final String name;
    private final MappingIterator<String[]> rows;
    private final TableHeader header;
    /** The first data row of a file without a header line, read with it; null once returned. */
    private String[] firstRow;
    private long row;

    private CsvRecordSource(String name, Reader reader, DataSchema schema) throws IOException {
        this.name = name;
        this.rows = MAPPER.readerFor(String[].class).readValues(reader);
        String[] names = nextCells();
        if (names == null || (names.length == 1 && names[0].isBlank())) {
            rows.close();
            throw new DataException(name, 0, null, schema.header() ? "the file is empty: a header line is required"
                    : "the file is empty");
        }
        this.header = TableHeader.ofFirstLine(name, Arrays.asList(names), schema);
        if (!schema.header()) {
            this.firstRow = names;
            this.row = 1;
        }
    }

    /** Opens {@code file}; the header is read and matched against {@code schema} at once. */
    public static CsvRecordSource open(Path file, DataSchema schema) throws IOException {
        // A missing file is a NoSuchFileException: an I/O failure (exit 3), not bad data.
        return open(file.toString(), Files.newInputStream(file), schema);
    }

    /** Reads CSV from a stream; {@code name} names it in messages. The stream is closed with the source. */
    public static CsvRecordSource open(String name, InputStream in, DataSchema schema) throws IOException {
        try {
            return new CsvRecordSource(name, utf8Reader(in), schema);
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
    }

    /**
     * A UTF-8 reader that skips a byte-order mark. Bytes that are not UTF-8 become U+FFFD, which
     * {@link #next} reports with the exact row and column (a strict decoder fails a whole buffer
     * ahead of the row at fault).
     */
    static Reader utf8Reader(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    @Override
    public TableHeader header() {
        return header;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RawRecord next() {
        String[] cells = firstRow != null ? firstRow : nextCells();
        firstRow = null;
        while (cells != null && cells.length == 1 && cells[0].isEmpty()) {
            cells = nextCells(); // a blank line is no record, but keeps its row number
        }
        if (cells == null) {
            return null;
        }
        for (int i = 0; i < cells.length; i++) {
            if (cells[i].indexOf('\uFFFD') >= 0) {
                String column = i < header.sourceColumns().size() ? header.sourceColumns().get(i) : null;
                throw new DataException(name, row, column, "bytes that are not UTF-8 (save the file as UTF-8)");
            }
        }
        return new RawRecord(row, cells);
    }

    private String[] nextCells() {
        try {
            if (!rows.hasNextValue()) {
                return null;
            }
            String[] cells = rows.nextValue();
            if (header != null) {
                row++;
            }
            return cells;
        } catch (RuntimeJsonMappingException | IOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new DataException(name, row + 1, null, "malformed CSV: " + message, e);
        }
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
