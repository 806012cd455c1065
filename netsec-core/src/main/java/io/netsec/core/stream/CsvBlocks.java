package io.netsec.core.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import io.netsec.core.data.CsvRecordBounds;
import io.netsec.core.data.DataException;
import io.netsec.core.engine.PlainRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV stream cut into blocks of whole records ({@link CsvRecordBounds}), read on the calling
 * thread so that workers can score the blocks in parallel. The header line is read first, by
 * Jackson. Memory stays bounded: a block is at most {@link #BLOCK} bytes unless one record is
 * longer (that block alone grows, up to {@link #MAX_RECORD}), and block buffers are reused.
 */
final class CsvBlocks {

    /** Bytes a block grows to: about 14,000 rows of the phishing data, enough to amortise a hand-off. */
    static final int BLOCK = 1 << 20;
    /**
     * The first block's size; each next one is twice the last, up to {@link #BLOCK}. On a cold
     * JVM the reading thread scans the first block in the interpreter (some 40 ms for a whole
     * {@link #BLOCK}) while the workers wait: small first blocks start them sooner.
     */
    static final int FIRST_BLOCK = 32 << 10;
    /** A single record longer than this is refused rather than buffered without bound. */
    static final int MAX_RECORD = 64 << 20;
    /**
     * Bytes past the last record of every block, never read into: the engine's byte-level plan
     * reads a short record's whole window and eight bytes more, and a last record without them
     * would leave that path (a rare branch the JIT then recompiles, mid-run).
     */
    static final int SLACK = PlainRun.SLACK;

    static final CsvFactory CSV = new CsvFactory();

    /** A block of whole records, with where each one is, and the row number of the first. */
    record Block(byte[] bytes, int length, CsvRecordBounds bounds, long firstRow) {
    }

    private final String name;
    private final InputStream in;
    private final List<String> headerNames;
    private byte[] pending;
    /**
     * Block buffers handed back once written, for the next blocks: a megabyte array is a
     * humongous object to G1 (allocated zeroed, in regions of its own, and each one started a
     * concurrent cycle), and a run needs only as many as are in flight.
     */
    private final ArrayDeque<byte[]> spareInputs = new ArrayDeque<>();
    private int pendingLength;
    /**
     * How many bytes the next block reads, from {@link #FIRST_BLOCK} up to {@link #BLOCK}; a
     * record longer than that grows its own block only, so memory stays bounded after it.
     */
    private int blockSize = FIRST_BLOCK;
    private boolean endOfInput;
    /** The row number of the first record in {@code pending} (0: the header), for messages. */
    private long pendingRow;

    /**
     * Reads the first line of {@code in}: the header, which no block holds; or, without a header
     * line ({@code headerLine} false), the first data row, which the first block starts with.
     */
    CsvBlocks(String name, InputStream in, boolean headerLine) throws IOException {
        this.name = name;
        this.in = in;
        this.pending = new byte[BLOCK + SLACK];
        fill();
        int offset = skipByteOrderMark();
        CsvRecordBounds bounds = new CsvRecordBounds();
        int cut;
        while ((cut = bounds.scan(pending, offset, pendingLength, endOfInput)) == offset && !endOfInput) {
            fill();
        }
        this.headerNames = bounds.count() == 0 ? List.of() : cellsOf(new String(pending, offset,
                bounds.end(0) - offset, StandardCharsets.UTF_8));
        consume(!headerLine ? offset : bounds.count() > 1 ? bounds.start(1) : cut);
    }

    /** The first line's cells as Jackson reads them (empty when the stream is): the header, or the first row. */
    List<String> headerNames() {
        return headerNames;
    }

    /** The next block of whole records, its first record row {@code firstRow}; null at the end of input. */
    Block next(long firstRow) throws IOException {
        pendingRow = firstRow;
        CsvRecordBounds bounds = new CsvRecordBounds();
        while (true) {
            int cut = bounds.scan(pending, 0, pendingLength, endOfInput);
            if (cut > 0) {
                byte[] bytes = pending;
                int length = pendingLength;
                pending = spareInput(Math.max(BLOCK, 2 * (length - cut)) + SLACK);
                pendingLength = length - cut;
                System.arraycopy(bytes, cut, pending, 0, pendingLength);
                blockSize = Math.min(BLOCK, 2 * blockSize);
                fill();
                return new Block(bytes, cut, bounds, firstRow);
            }
            if (endOfInput) {
                return null;
            }
            fill(); // one record longer than the block: grow it
        }
    }

    /** Hands a block's buffer back once its rows are written. */
    void recycle(byte[] block) {
        spareInputs.add(block);
    }

    /** A block buffer of at least {@code size} bytes: a spare one when there is one. */
    private byte[] spareInput(int size) {
        byte[] spare = spareInputs.poll();
        return spare != null && spare.length >= size ? spare : new byte[size];
    }

    /**
     * Reads until the block is {@link #blockSize} bytes or the input ends; when it already holds
     * that much (one record longer), until twice what it holds, its buffer growing as it must.
     */
    private void fill() throws IOException {
        int limit = blockSize;
        while (pendingLength >= limit) {
            if (limit >= MAX_RECORD) {
                throw new DataException(name, pendingRow, null, "a row longer than " + (MAX_RECORD >> 20)
                        + " MB: is this a CSV file?");
            }
            limit *= 2;
        }
        if (limit + SLACK > pending.length) {
            pending = Arrays.copyOf(pending, limit + SLACK);
        }
        int read = in.readNBytes(pending, pendingLength, limit - pendingLength);
        pendingLength += read;
        endOfInput = pendingLength < limit;
    }

    private int skipByteOrderMark() {
        return pendingLength >= 3 && (pending[0] & 0xFF) == 0xEF && (pending[1] & 0xFF) == 0xBB
                && (pending[2] & 0xFF) == 0xBF ? 3 : 0;
    }

    private void consume(int cut) {
        System.arraycopy(pending, cut, pending, 0, pendingLength - cut);
        pendingLength -= cut;
    }

    /** The cells of one record, as Jackson reads them. */
    private List<String> cellsOf(String text) throws IOException {
        try (JsonParser parser = CSV.createParser(text)) {
            List<String> cells = new ArrayList<>();
            for (JsonToken token; (token = parser.nextToken()) != null && token != JsonToken.END_ARRAY; ) {
                if (token == JsonToken.VALUE_STRING) {
                    cells.add(parser.getText());
                }
            }
            return cells;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw malformed(name, 0, e);
        }
    }

    /** A CSV syntax error as Jackson reports it, in one line, at {@code row}. */
    static DataException malformed(String name, long row, Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        return new DataException(name, row, null, "malformed CSV: " + message, e);
    }
}
