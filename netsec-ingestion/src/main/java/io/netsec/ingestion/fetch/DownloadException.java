package io.netsec.ingestion.fetch;

import io.netsec.core.CredentialMask;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * A download that did not deliver: the service could not be reached, answered with an error
 * status, stalled, or closed the connection early. The message names the URL, its secrets masked.
 * A download that arrived whole but is not what was expected (wrong checksum, not a zip) is a
 * {@link io.netsec.core.data.DataException} instead.
 */
public final class DownloadException extends IOException {

    private final URI source;

    public DownloadException(URI source, String message) {
        super(masked(source, message));
        this.source = source;
    }

    public DownloadException(URI source, String message, Throwable cause) {
        super(masked(source, message), cause);
        this.source = source;
    }

    /** {@code <source>: <message>}, with the secrets of the URL masked wherever they appear. */
    private static String masked(URI source, String message) {
        return CredentialMask.text(source + ": " + message, List.of(String.valueOf(source)));
    }

    /** The URL that failed (unmasked: do not print it; the message shows it masked). */
    public URI source() {
        return source;
    }
}
