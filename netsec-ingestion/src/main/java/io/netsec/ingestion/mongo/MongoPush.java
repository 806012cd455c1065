package io.netsec.ingestion.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import io.netsec.core.Sha256;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RecordSource;
import io.netsec.core.data.TableHeader;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.validate.CellIssue;
import io.netsec.core.validate.ValidationOptions;
import io.netsec.core.validate.ValidationReport;
import io.netsec.core.validate.Validator;
import io.netsec.ingestion.file.RecordSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * Pushes a data file into a collection: validates the file against its schema first (nothing is
 * written when it breaks it), then writes every row as one document with unordered bulk inserts.
 *
 * <p>Pushing is idempotent. A document's {@code _id} is the SHA-256 of the file's bytes, a colon
 * and the row number, so it fixes the document's content: a row whose {@code _id} is there
 * already is skipped (the server refuses the duplicate key), pushing the same file twice leaves
 * one document per row (duplicate rows included), and a push that was interrupted is completed by
 * running it again. Inserts rather than upserts, since a server such as FerretDB runs an upsert
 * as a query and a write per document, which is orders of magnitude slower. A document pushed
 * under an earlier schema keeps its types; drop the collection to push the file anew. Each document also holds its row number
 * ({@value MongoRecordSource#ROW_FIELD}, so {@link MongoRecordSource} reads the rows back in file
 * order) and the file's SHA-256 ({@value MongoRecordSource#SOURCE_FIELD}, to tell pushed files
 * apart with a query). Fields are named by the schema's column names, typed by the schema.
 *
 * <pre>{@code
 * MongoPush.Result result = MongoPush.run(new MongoPush.Request(file, schema, connection, 1000), System.err::println);
 * }</pre>
 */
public final class MongoPush {

    /** Rows per bulk write when the caller does not say. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    private MongoPush() {
    }

    /**
     * @param file       the data file (CSV, or ARFF by its extension)
     * @param schema     the schema the file must follow
     * @param connection the target collection
     * @param batchSize  rows per bulk write (positive)
     */
    public record Request(Path file, DataSchema schema, MongoConnection connection, int batchSize) {
        public Request {
            if (batchSize < 1) {
                throw new IllegalArgumentException("the batch size must be at least 1, not " + batchSize);
            }
        }
    }

    /**
     * @param collection the collection, as messages name it (password masked)
     * @param sha256     SHA-256 of the file; every {@code _id} starts with it
     * @param rows       rows written
     * @param inserted   documents that were new
     * @param existing   documents that were there already (from an earlier push), left as they were
     */
    public record Result(String collection, String sha256, long rows, long inserted, long existing) {
    }

    /**
     * Validates {@code request.file()}, then writes it; {@code progress} gets one line per stage and per batch.
     *
     * @throws DataException        when the file breaks the schema (nothing was written)
     * @throws MongoAccessException when the server cannot be reached or fails a write; run again to complete
     */
    public static Result run(Request request, Consumer<String> progress) throws IOException {
        ValidationReport report = validate(request, progress);
        String sha256 = Sha256.of(request.file());
        MongoConnection connection = request.connection();
        progress.accept(String.format(Locale.ROOT, "push: writing %,d rows to %s in batches of %,d",
                report.rowsRead(), connection.describe(), request.batchSize()));
        long rows = 0;
        long inserted = 0;
        long existing = 0;
        try (MongoClient client = connection.open();
             RecordSource source = RecordSources.open(request.file(), request.schema())) {
            MongoCollection<Document> collection =
                    client.getDatabase(connection.database()).getCollection(connection.collection());
            // Reading sorts by row; the index keeps that sort cheap on large collections.
            collection.createIndex(Indexes.ascending(MongoRecordSource.ROW_FIELD, "_id"));
            DocumentLayout layout = DocumentLayout.of(source.header(), request.schema());
            List<Document> batch = new ArrayList<>(request.batchSize());
            for (RawRecord record; ; ) {
                record = source.next();
                if (record != null) {
                    batch.add(layout.document(sha256, record));
                }
                if (batch.size() == request.batchSize() || (record == null && !batch.isEmpty())) {
                    long present = insert(collection, batch, connection);
                    rows += batch.size();
                    inserted += batch.size() - present;
                    existing += present;
                    batch.clear();
                    progress.accept(String.format(Locale.ROOT, "push: %,d of %,d rows written", rows, report.rowsRead()));
                }
                if (record == null) {
                    break;
                }
            }
        } catch (MongoException e) {
            throw MongoAccessException.of(connection, e);
        }
        return new Result(connection.describe(), sha256, rows, inserted, existing);
    }

    private static ValidationReport validate(Request request, Consumer<String> progress) throws IOException {
        String name = request.file().toString();
        ValidationReport report;
        try (RecordSource source = RecordSources.open(request.file(), request.schema())) {
            report = new Validator().validate(source, request.schema(), ValidationOptions.DEFAULTS.withProgress(
                    rows -> progress.accept(String.format(Locale.ROOT, "validate: %,d rows read", rows))));
        }
        if (!report.missingColumns().isEmpty()) {
            throw new DataException(name, 0, report.missingColumns().get(0), "missing column(s) "
                    + report.missingColumns() + "; nothing was pushed (run 'netsec validate' for the full report)");
        }
        if (!report.valid()) {
            CellIssue first = report.problems().get(0);
            throw new DataException(name, first.row(), first.column(), first.problem() + " (" + report.problemCount()
                    + " problem(s) in all; nothing was pushed; run 'netsec validate' for the full report)");
        }
        progress.accept(String.format(Locale.ROOT, "validate: %,d rows valid", report.rowsRead()));
        return report;
    }

    /** Inserts a batch; returns how many of its documents were there already. */
    private static long insert(MongoCollection<Document> collection, List<Document> batch, MongoConnection connection) {
        try {
            // Unordered: the server goes on past a document that is there already.
            collection.insertMany(batch, new InsertManyOptions().ordered(false));
            return 0;
        } catch (MongoBulkWriteException e) {
            List<BulkWriteError> errors = e.getWriteErrors();
            BulkWriteError other = errors.stream()
                    .filter(error -> ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)
                    .findFirst().orElse(null);
            if (other != null || e.getWriteConcernError() != null || errors.isEmpty()) {
                String reason = other != null ? other.getMessage() : e.getMessage();
                throw new MongoAccessException("MongoDB at " + connection.describe() + " refused a write: "
                        + connection.redact(reason), e);
            }
            return errors.size();
        }
    }

    /** Which field each source column becomes and how its cells are typed. */
    private record DocumentLayout(String[] fields, ColumnSpec[] columns, DataSchema schema) {

        static DocumentLayout of(TableHeader header, DataSchema schema) {
            int width = header.sourceColumns().size();
            String[] fields = header.sourceColumns().toArray(String[]::new);
            ColumnSpec[] columns = new ColumnSpec[width];
            for (int c = 0; c < schema.columns().size(); c++) {
                int position = header.sourceIndex(c);
                if (position >= 0) {
                    columns[position] = schema.columns().get(c);
                    fields[position] = columns[position].name(); // the schema's spelling, whatever the file's
                }
            }
            return new DocumentLayout(fields, columns, schema);
        }

        Document document(String sha256, RawRecord record) {
            String id = sha256 + ":" + record.row();
            Document document = new Document("_id", id)
                    .append(MongoRecordSource.ROW_FIELD, record.row())
                    .append(MongoRecordSource.SOURCE_FIELD, sha256);
            for (int i = 0; i < fields.length; i++) {
                // Every column is written, a missing cell as null, so the first document lists all columns.
                document.append(fields[i], DocumentValues.toValue(record.cell(i), columns[i], schema));
            }
            return document;
        }
    }
}
