package io.netsec.experiment.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.core.CredentialMask;
import io.netsec.core.bundle.BundleJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Uploads and downloads run artifacts through the tracking server's artifact proxy
 * ({@code /api/2.0/mlflow-artifacts/artifacts/...}, on by default since MLflow 2), over plain
 * HTTP: the Java client's own artifact calls shell out to the Python {@code mlflow} command,
 * which a netsec user need not have.
 */
public final class MlflowArtifacts {

    private static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";
    private static final String SCHEME = "mlflow-artifacts:";

    private final MlflowConnection connection;
    private final HttpClient http;

    /** Artifact calls to the server {@code connection} names, with its authentication. */
    public MlflowArtifacts(MlflowConnection connection) {
        this.connection = connection;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Uploads every regular file under {@code folder} that {@code include} accepts, keeping the
     * relative paths, below {@code artifactUri} (a run's {@code mlflow-artifacts:/...} location).
     *
     * @return the relative paths uploaded
     */
    public List<String> uploadTree(String artifactUri, Path folder, Predicate<String> include) throws IOException {
        String base = proxyPath(artifactUri);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<String> uploaded = new ArrayList<>();
        for (Path file : files) {
            String relative = folder.relativize(file).toString().replace('\\', '/');
            if (!include.test(relative)) {
                continue;
            }
            HttpRequest request = connection.request(PROXY + "/" + encodePath(base + "/" + relative))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
            send(request, HttpResponse.BodyHandlers.discarding(), "upload " + relative);
            uploaded.add(relative);
        }
        return uploaded;
    }

    /** Downloads the artifact folder {@code artifactUri} (recursively) into {@code target}. */
    public List<String> downloadTree(String artifactUri, Path target) throws IOException {
        List<String> downloaded = new ArrayList<>();
        download(proxyPath(artifactUri), "", target, downloaded);
        if (downloaded.isEmpty()) {
            throw new TrackingException("no artifacts at " + CredentialMask.uri(artifactUri));
        }
        return downloaded;
    }

    private void download(String base, String relative, Path target, List<String> downloaded) throws IOException {
        String folder = relative.isEmpty() ? base : base + "/" + relative;
        HttpRequest list = connection.request(PROXY + "?path=" + URLEncoder.encode(folder, StandardCharsets.UTF_8)).GET().build();
        JsonNode files = BundleJson.MAPPER.readTree(send(list, HttpResponse.BodyHandlers.ofString(), "list " + folder).body())
                .path("files");
        for (JsonNode file : files) {
            String name = file.path("path").asText();
            // The proxy answers with paths relative to the listed folder; refuse anything that would leave it.
            if (name.isEmpty() || name.contains("..") || name.startsWith("/")) {
                throw new TrackingException("refusing artifact path '" + name + "'");
            }
            String child = relative.isEmpty() ? name : relative + "/" + name;
            if (file.path("is_dir").asBoolean(false)) {
                download(base, child, target, downloaded);
                continue;
            }
            Path destination = target.resolve(child).normalize();
            if (!destination.startsWith(target)) {
                throw new TrackingException("refusing artifact path '" + child + "'");
            }
            Files.createDirectories(destination.getParent());
            HttpRequest get = connection.request(PROXY + "/" + encodePath(base + "/" + child)).GET().build();
            send(get, HttpResponse.BodyHandlers.ofFile(destination), "download " + child);
            downloaded.add(child);
        }
    }

    /** {@code mlflow-artifacts:/1/abc/artifacts} (or with a host part) to {@code 1/abc/artifacts}. */
    static String proxyPath(String artifactUri) {
        if (artifactUri == null || !artifactUri.startsWith(SCHEME)) {
            throw new TrackingException("the run's artifact location '" + CredentialMask.uri(artifactUri) + "' is not served by the tracking"
                    + " server; start MLflow with artifact serving on (the default, or --serve-artifacts)");
        }
        String path = URI.create(artifactUri).getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path;
    }

    private static String encodePath(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            parts.add(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", parts);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body, String what) throws IOException {
        try {
            HttpResponse<T> response = http.send(request, body);
            if (response.statusCode() / 100 != 2) {
                throw new TrackingException("MLflow at " + connection + " refused to " + what + " (HTTP "
                        + response.statusCode() + ")");
            }
            return response;
        } catch (ConnectException e) {
            throw new TrackingException("MLflow at " + connection + " is not reachable (" + what + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackingException("interrupted during " + what, e);
        }
    }
}
