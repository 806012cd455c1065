package io.netsec.experiment.tracking;

import io.netsec.core.CredentialMask;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * Where an MLflow tracking server is and how to authenticate to it. Secrets come from the
 * environment only ({@code MLFLOW_TRACKING_TOKEN}, or {@code MLFLOW_TRACKING_USERNAME} and
 * {@code MLFLOW_TRACKING_PASSWORD}, as MLflow's own clients read them) and are never printed:
 * {@link #toString()} shows the address alone.
 *
 * @param uri      the server's address, e.g. {@code http://127.0.0.1:5000}
 * @param username basic-auth user, or null
 * @param password basic-auth password, or null
 * @param token    bearer token, or null (wins over basic auth)
 */
public record MlflowConnection(URI uri, String username, String password, String token) {

    public static final String URI_VARIABLE = "MLFLOW_TRACKING_URI";

    public MlflowConnection {
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("MLflow tracking URI must be http:// or https://, got "
                    + CredentialMask.uri(uri.toString()));
        }
        if (uri.getHost() == null && uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            // An unencoded '@' in a password: the client would take the rest of it for the host name
            // and quote it in its errors.
            throw new IllegalArgumentException("invalid MLflow tracking URI " + CredentialMask.uri(uri.toString())
                    + ": write '@', ':' and '/' in the user information as %40, %3A and %2F");
        }
        String text = uri.toString();
        if (text.endsWith("/")) {
            uri = URI.create(text.substring(0, text.length() - 1));
        }
    }

    /**
     * The connection the user asked for: {@code explicitUri} when given, else
     * {@code MLFLOW_TRACKING_URI}; credentials from {@code environment}. Empty when neither names
     * a server (then nothing needs a server).
     */
    public static Optional<MlflowConnection> resolve(String explicitUri, Map<String, String> environment) {
        String uri = explicitUri != null && !explicitUri.isBlank() ? explicitUri : environment.get(URI_VARIABLE);
        if (uri == null || uri.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new MlflowConnection(parse(uri.trim()), blankToNull(environment.get("MLFLOW_TRACKING_USERNAME")),
                blankToNull(environment.get("MLFLOW_TRACKING_PASSWORD")), blankToNull(environment.get("MLFLOW_TRACKING_TOKEN"))));
    }

    /** A connection without credentials (tests, open servers). */
    public static MlflowConnection open(String uri) {
        return new MlflowConnection(parse(uri), null, null, null);
    }

    /** {@code text} as a URI; refused with the text's secrets masked, unlike {@link URI#create}'s message. */
    private static URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid MLflow tracking URI " + CredentialMask.uri(text) + ": "
                    + e.getReason() + " at index " + e.getIndex());
        }
    }

    /**
     * {@code text} with the secrets of this server's address masked wherever it quotes them, for
     * messages that quote what the client or the server said.
     */
    public String mask(String text) {
        return CredentialMask.text(text, List.of(uri.toString()));
    }

    /** MLflow's Java client, authenticated like {@link #request}. */
    public MlflowClient client() {
        return new MlflowClient(new BasicMlflowHostCreds(uri.toString(), username, password, token, false));
    }

    /** A request to {@code path} (starting with {@code /api/}) with the authentication header set. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri + path))
                .timeout(java.time.Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        } else if (username != null && password != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    /** Whether the server answers {@code /health} within a few seconds (a hint only: it may still fail later). */
    public boolean isHealthy() {
        try {
            var response = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(3)).build()
                    .send(request("/health").timeout(java.time.Duration.ofSeconds(5)).GET().build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The address without any user information and with secret query parameters masked, so that
     * logs, messages and status files never hold a secret.
     */
    @Override
    public String toString() {
        if (uri.getRawUserInfo() == null) {
            return CredentialMask.uri(uri.toString());
        }
        return CredentialMask.uri(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
