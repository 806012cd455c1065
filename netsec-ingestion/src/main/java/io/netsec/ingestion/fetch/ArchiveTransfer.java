package io.netsec.ingestion.fetch;

import io.netsec.core.CredentialMask;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The bytes of a {@link DatasetDownload}'s archive, copied from a {@code file:} or an HTTP(S)
 * source into a stream, with the connect and read timeouts, the {@link StallGuard} and a
 * progress line per MiB. Kept apart from the checksum and conversion steps, which do not care
 * where the bytes came from.
 */
final class ArchiveTransfer {

    private static final long PROGRESS_BYTES = 1 << 20;

    private final URI source;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final FetchProgress progress;

    ArchiveTransfer(URI source, Duration connectTimeout, Duration readTimeout, FetchProgress progress) {
        this.source = source;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.progress = progress;
    }

    /** Copies the whole source into {@code out} and returns the number of bytes. */
    long copyTo(OutputStream out) throws IOException {
        return "file".equalsIgnoreCase(source.getScheme()) ? copyFile(out) : copyHttp(out);
    }

    private long copyFile(OutputStream out) throws IOException {
        Path file = Path.of(source);
        long size = Files.size(file);
        try (InputStream in = Files.newInputStream(file)) {
            long bytes = 0;
            long nextReport = PROGRESS_BYTES;
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                bytes += n;
                if (bytes >= nextReport) {
                    progress.report("read " + mebibytes(bytes) + " of " + mebibytes(size));
                    nextReport += PROGRESS_BYTES;
                }
            }
            return bytes;
        }
    }

    private long copyHttp(OutputStream out) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        try {
            HttpRequest request = HttpRequest.newBuilder(source)
                    .timeout(readTimeout)
                    .header("User-Agent", "netsec-detector")
                    .GET()
                    .build();
            HttpResponse<InputStream> response = send(client, request);
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DownloadException(source, "the server answered HTTP " + response.statusCode()
                            + (response.statusCode() == 404 ? " (not found)" : ""));
                }
                long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                long bytes = copyBody(body, out, expected);
                if (expected >= 0 && bytes != expected) {
                    throw new DownloadException(source, "the server sent " + bytes + " of " + expected + " bytes");
                }
                return bytes;
            }
        } finally {
            client.shutdownNow();
        }
    }

    private HttpResponse<InputStream> send(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new DownloadException(source, "no connection within " + seconds(connectTimeout), e);
        } catch (HttpTimeoutException e) {
            throw new DownloadException(source, "no answer within " + seconds(readTimeout), e);
        } catch (ConnectException e) {
            throw new DownloadException(source, "cannot connect (" + DatasetDownload.reason(e) + ")", e);
        } catch (IOException e) {
            throw new DownloadException(source, "the download failed (" + DatasetDownload.reason(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading " + CredentialMask.uri(source.toString()));
        }
    }

    private long copyBody(InputStream body, OutputStream out, long expected) throws IOException {
        long bytes = 0;
        long nextReport = PROGRESS_BYTES;
        byte[] buffer = new byte[1 << 16];
        try (StallGuard guard = new StallGuard(readTimeout, body)) {
            while (true) {
                int n;
                try {
                    guard.reading(true);
                    n = body.read(buffer);
                    guard.reading(false);
                } catch (IOException e) {
                    if (guard.tripped()) {
                        throw new DownloadException(source, "no data for " + seconds(readTimeout) + " after "
                                + bytes + " bytes; the download stalled", e);
                    }
                    throw new DownloadException(source, "the connection broke after " + bytes
                            + (expected >= 0 ? " of " + expected : "") + " bytes (" + DatasetDownload.reason(e) + ")", e);
                }
                if (n < 0) {
                    return bytes;
                }
                out.write(buffer, 0, n);
                bytes += n;
                if (bytes >= nextReport) {
                    progress.report("downloaded " + mebibytes(bytes) + (expected >= 0 ? " of " + mebibytes(expected) : ""));
                    nextReport += PROGRESS_BYTES;
                }
            }
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** A size as the progress lines show it; also used by {@link DatasetDownload}'s summary line. */
    static String mebibytes(long bytes) {
        if (bytes < PROGRESS_BYTES) {
            return bytes + " bytes";
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
}
