package io.netsec.ingestion.fetch;

import java.io.IOException;
import java.net.URI;

/**
 * A download that did not deliver: the service could not be reached, answered with an error
 * status, stalled, or closed the connection early. The message names the URL. A download that
 * arrived whole but is not what was expected (wrong checksum, not a zip) is a
 * {@link io.netsec.core.data.DataException} instead.
 */
public final class DownloadException extends IOException {

    private final URI source;

    public DownloadException(URI source, String message) {
        super(source + ": " + message);
        this.source = source;
    }

    public DownloadException(URI source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
    }

    /** The URL that failed. */
    public URI source() {
        return source;
    }
}
