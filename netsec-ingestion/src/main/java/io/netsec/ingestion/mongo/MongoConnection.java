package io.netsec.ingestion.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.netsec.core.CredentialMask;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Where a collection lives: the connection string, the database and the collection, and how long
 * to wait for the server before giving up. The connection string may hold a password, so
 * {@link #toString()} and every message built from it show {@link #redactedUri()} instead.
 *
 * <pre>{@code
 * var connection = MongoConnection.of(null, "netsec", "phishing", null);  // URI from MONGODB_URI
 * }</pre>
 *
 * @param uri        a {@code mongodb://} or {@code mongodb+srv://} connection string
 * @param database   the database name
 * @param collection the collection name
 * @param timeout    how long to wait to select and connect to a server (positive)
 */
public record MongoConnection(String uri, String database, String collection, Duration timeout) {

    /** The environment variable that holds the connection string when none is given. */
    public static final String URI_VARIABLE = "MONGODB_URI";

    /** How long to wait for an unreachable server when the caller does not say. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public MongoConnection {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("no MongoDB connection string: give --mongodb-uri or set " + URI_VARIABLE);
        }
        requireName(database, "database");
        requireName(collection, "collection");
        timeout = Objects.requireNonNullElse(timeout, DEFAULT_TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the MongoDB timeout must be positive, not " + timeout.toSeconds() + " s");
        }
        try {
            new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid MongoDB connection string " + CredentialMask.uri(uri) + ": "
                    + CredentialMask.text(String.valueOf(e.getMessage()), List.of(uri)), e);
        }
    }

    /**
     * A connection whose URI falls back to {@link #URI_VARIABLE} when {@code uri} is null, and
     * whose timeout falls back to {@link #DEFAULT_TIMEOUT}.
     */
    public static MongoConnection of(String uri, String database, String collection, Duration timeout) {
        return new MongoConnection(uri != null ? uri : System.getenv(URI_VARIABLE), database, collection, timeout);
    }

    private static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the MongoDB " + what + " name is empty");
        }
    }

    /** The connection string with its secrets masked ({@link CredentialMask#uri}), valid or not. */
    public String redactedUri() {
        return CredentialMask.uri(uri);
    }

    /** {@code <redacted uri> db.collection}: how messages name the collection. */
    public String describe() {
        return redactedUri() + " " + database + "." + collection;
    }

    /**
     * {@code text} with the secrets of this connection string masked wherever it quotes them (whole,
     * or the password alone, raw or decoded, as the driver may), for messages that quote what the
     * driver said.
     */
    public String redact(String text) {
        return CredentialMask.text(text, List.of(uri));
    }

    /** Opens a client that gives up after {@link #timeout()} when no server answers. */
    public MongoClient open() {
        long millis = timeout.toMillis();
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout((int) Math.min(millis, Integer.MAX_VALUE),
                        TimeUnit.MILLISECONDS))
                .applicationName("netsec")
                .build();
        return MongoClients.create(settings);
    }

    @Override
    public String toString() {
        return "MongoConnection[" + describe() + ", timeout " + timeout.toMillis() + " ms]";
    }
}
