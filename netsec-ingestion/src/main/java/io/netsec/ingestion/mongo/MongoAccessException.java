package io.netsec.ingestion.mongo;

/**
 * The MongoDB server cannot be reached in time, refuses the credentials, or fails a command.
 * The message is one line, names the collection with the password masked, and says what to check.
 */
public final class MongoAccessException extends RuntimeException {

    public MongoAccessException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Translates a driver failure on {@code connection} into one masked, actionable line. */
    static MongoAccessException of(MongoConnection connection, com.mongodb.MongoException e) {
        String where = connection.describe();
        if (e instanceof com.mongodb.MongoTimeoutException) {
            return new MongoAccessException("cannot reach MongoDB at " + where + " within "
                    + seconds(connection) + " (is the server running? check --mongodb-uri or "
                    + MongoConnection.URI_VARIABLE + ", or raise --timeout)", e);
        }
        if (e instanceof com.mongodb.MongoSecurityException) {
            return new MongoAccessException("MongoDB at " + where + " refused the credentials of the connection string", e);
        }
        if (e instanceof com.mongodb.MongoSocketException) {
            return new MongoAccessException("lost the connection to MongoDB at " + where + ": "
                    + firstLine(connection.redact(e.getMessage())), e);
        }
        return new MongoAccessException("MongoDB at " + where + " failed: " + firstLine(connection.redact(e.getMessage())), e);
    }

    private static String seconds(MongoConnection connection) {
        long millis = connection.timeout().toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String firstLine(String text) {
        return text == null ? "(no message)" : text.lines().findFirst().orElse("");
    }
}
