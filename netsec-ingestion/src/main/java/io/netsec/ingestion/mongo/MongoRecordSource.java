package io.netsec.ingestion.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Sorts;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RecordSource;
import io.netsec.core.data.TableHeader;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Streams the documents of a collection as records, in row order: sorted by the row number
 * {@link MongoPush} stores ({@value #ROW_FIELD}), then by {@code _id}, so a collection pushed
 * from a file reads back in the file's order and trains to the same model. The cursor fetches
 * {@value #BATCH_SIZE} documents at a time; memory does not grow with the collection.
 *
 * <p>A collection has no header line: the columns are the fields of the first document (less
 * {@code _id}, {@value #ROW_FIELD} and {@value #SOURCE_FIELD}), followed by every schema column that
 * document lacks, since a document may leave out a missing value. A field absent from a document
 * or null is a missing cell. Values are turned into the text a CSV file would hold; a value that
 * cannot be a cell (a nested document, an array) fails naming the document's {@code _id} and field;
 * every record carries its document's {@code _id} ({@link RawRecord#documentId()}), so that validation
 * and scoring name it too.
 *
 * <pre>{@code
 * try (RecordSource source = MongoRecordSource.open(connection, Document.parse("{\"Result\": 1}"), schema)) { ... }
 * }</pre>
 */
public final class MongoRecordSource implements RecordSource {

    /** The field holding the 1-based data row of the file a document was pushed from. */
    public static final String ROW_FIELD = "_row";
    /** The field holding the SHA-256 of the file a document was pushed from. */
    public static final String SOURCE_FIELD = "_source";

    static final int BATCH_SIZE = 1000;
    private static final Set<String> METADATA = Set.of("_id", ROW_FIELD, SOURCE_FIELD);

    private final MongoConnection connection;
    private final MongoClient client;
    private final MongoCursor<Document> cursor;
    private final String name;
    private final TableHeader header;
    private Document pending;
    private long row;

    private MongoRecordSource(MongoConnection connection, MongoClient client, MongoCursor<Document> cursor,
                              String name, Document first, DataSchema schema) {
        this.connection = connection;
        this.client = client;
        this.cursor = cursor;
        this.name = name;
        this.pending = first;
        this.header = TableHeader.match(name, columnsOf(first, schema), schema);
    }

    /**
     * Opens the collection of {@code connection}, keeping the documents that match {@code filter}
     * (null: all), and reads the first document to line up the columns with {@code schema}.
     *
     * @throws DataException         when no document matches (an empty collection)
     * @throws MongoAccessException  when the server cannot be reached within the connection's timeout
     */
    public static MongoRecordSource open(MongoConnection connection, Bson filter, DataSchema schema) {
        String name = describe(connection, filter);
        MongoClient client = connection.open();
        MongoCursor<Document> cursor = null;
        try {
            cursor = ordered(collection(client, connection), filter).batchSize(BATCH_SIZE).cursor();
            if (!cursor.hasNext()) {
                throw new DataException(name, -1, null, filter == null
                        ? "the collection is empty (push data into it with 'netsec push-data')"
                        : "no document matches the query");
            }
            return new MongoRecordSource(connection, client, cursor, name, cursor.next(), schema);
        } catch (MongoException e) {
            closeQuietly(cursor, client);
            throw MongoAccessException.of(connection, e);
        } catch (RuntimeException e) {
            closeQuietly(cursor, client);
            throw e;
        }
    }

    private static MongoCollection<Document> collection(MongoClient client, MongoConnection connection) {
        return client.getDatabase(connection.database()).getCollection(connection.collection());
    }

    private static com.mongodb.client.FindIterable<Document> ordered(MongoCollection<Document> collection, Bson filter) {
        return (filter == null ? collection.find() : collection.find(filter))
                .sort(Sorts.ascending(ROW_FIELD, "_id"));
    }

    private static String describe(MongoConnection connection, Bson filter) {
        String base = connection.describe();
        if (filter == null) {
            return base;
        }
        String query = filter instanceof Document document ? document.toJson()
                : filter.toBsonDocument().toJson();
        return base + " (query " + query + ")";
    }

    private static List<String> columnsOf(Document first, DataSchema schema) {
        List<String> columns = new ArrayList<>();
        for (String field : first.keySet()) {
            if (!METADATA.contains(field)) {
                columns.add(field);
            }
        }
        for (ColumnSpec column : schema.columns()) {
            if (columns.stream().noneMatch(column::matchesHeader)) {
                columns.add(column.name());
            }
        }
        return columns;
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
        Document document = pending;
        pending = null;
        try {
            if (document == null) {
                if (!cursor.hasNext()) {
                    return null;
                }
                document = cursor.next();
            }
        } catch (MongoException e) {
            throw MongoAccessException.of(connection, e);
        }
        row++;
        List<String> fields = header.sourceColumns();
        String[] cells = new String[fields.size()];
        String id = DocumentValues.describeId(document.get("_id"));
        for (int i = 0; i < cells.length; i++) {
            String field = fields.get(i);
            try {
                cells[i] = DocumentValues.toCell(document.get(field));
            } catch (IllegalArgumentException e) {
                throw new DataException(name, row, field, "document _id " + id + ", field '" + field + "': " + e.getMessage());
            }
        }
        return new RawRecord(row, cells, id); // the _id names the document in every message about the row
    }

    @Override
    public void close() {
        closeQuietly(cursor, client);
    }

    private static void closeQuietly(MongoCursor<Document> cursor, MongoClient client) {
        try {
            if (cursor != null) {
                cursor.close();
            }
        } catch (MongoException ignored) {
            // The cursor dies with the connection anyway; closing must not hide the first failure.
        } finally {
            client.close();
        }
    }
}
