package io.netsec.cli;

import io.netsec.ingestion.mongo.MongoConnection;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options that name a MongoDB collection, shared by every command that reads or writes one.
 * Used as an argument group: {@code --database} and {@code --collection} are required once any
 * of them is given; the connection string falls back to {@code MONGODB_URI}.
 */
class CollectionOptions {

    @Option(names = "--mongodb-uri", paramLabel = "URI",
            description = "The MongoDB connection string (default: the MONGODB_URI environment variable). "
                    + "A password in it is never printed.")
    String uri;

    @Option(names = "--database", required = true, paramLabel = "NAME", description = "The MongoDB database.")
    String database;

    @Option(names = "--collection", required = true, paramLabel = "NAME", description = "The MongoDB collection.")
    String collection;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up when no MongoDB server answers within this time (default: ${DEFAULT-VALUE} s).")
    double timeoutSeconds;

    /** The connection these options name; a missing or malformed value is a usage error. */
    MongoConnection connection() {
        if (!(timeoutSeconds > 0) || Double.isInfinite(timeoutSeconds)) {
            throw new UserFacingException(ExitCodes.USAGE, "--timeout must be a positive number of seconds");
        }
        NetsecCommand.quietLogs(); // before the driver's first warning
        try {
            return MongoConnection.of(uri, database, collection, Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(ExitCodes.USAGE, e.getMessage());
        }
    }
}
