package io.netsec.core.data;

import java.io.IOException;

/**
 * A stream of raw records from a file, a collection or memory. Implementations read lazily, so
 * memory does not grow with the source.
 *
 * <pre>{@code
 * try (RecordSource source = CsvRecordSource.open(path, schema)) {
 *     for (RawRecord record; (record = source.next()) != null; ) { ... }
 * }
 * }</pre>
 */
public interface RecordSource extends AutoCloseable {

    /** How the source's columns line up with the schema. */
    TableHeader header();

    /** The next record, or null at the end. */
    RawRecord next() throws IOException;

    /** The file or collection, for messages. */
    default String name() {
        return header().source();
    }

    @Override
    void close() throws IOException;
}
