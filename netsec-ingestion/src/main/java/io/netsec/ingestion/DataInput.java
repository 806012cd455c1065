package io.netsec.ingestion;

import io.netsec.core.Sha256;
import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.DataSchema;
import io.netsec.ingestion.file.RecordSources;
import io.netsec.ingestion.mongo.MongoConnection;
import io.netsec.ingestion.mongo.MongoRecordSource;
import java.io.IOException;
import java.nio.file.Path;
import org.bson.Document;

/**
 * Where a stage reads its records: a data file or a MongoDB collection, behind one type so the
 * CLI and the API treat both alike.
 */
public sealed interface DataInput {

    /** Opens the records, lined up with {@code schema}. */
    RecordSource open(DataSchema schema) throws IOException;

    /** The file or collection, as messages name it (never with a password). */
    String name();

    /** SHA-256 of the data's bytes for provenance, or null when the data has no single byte form. */
    String sha256() throws IOException;

    /** A data file: CSV, or ARFF by its extension. */
    record FileInput(Path file) implements DataInput {
        @Override
        public RecordSource open(DataSchema schema) throws IOException {
            return RecordSources.open(file, schema);
        }

        @Override
        public String name() {
            return file.toString();
        }

        @Override
        public String sha256() throws IOException {
            return Sha256.of(file);
        }
    }

    /** A collection, optionally filtered, read in row order. */
    record CollectionInput(MongoConnection connection, Document filter) implements DataInput {
        @Override
        public RecordSource open(DataSchema schema) {
            return MongoRecordSource.open(connection, filter, schema);
        }

        @Override
        public String name() {
            return connection.describe();
        }

        @Override
        public String sha256() {
            return null;
        }
    }
}
