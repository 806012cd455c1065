package io.netsec.api.web;

import io.netsec.api.config.NetsecConfig;
import io.netsec.api.problem.ApiProblem;
import io.netsec.api.problem.ProblemMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.Charset;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks what a request says of its body before anything reads it, for every endpoint:
 * <ul>
 * <li>a {@code Content-Type} that is not a media type (empty, {@code ;}, {@code garbage}) is a 415:
 * Quarkus REST would fail on it while choosing the method, a 500; so is one with a charset the JVM
 * does not know, and a multipart type with an empty boundary is a 400;</li>
 * <li>a declared length over {@code netsec.upload-limit} is a 413 (the JSON bodies are parsed whole,
 * so they must not start on a huge body). CSV bodies are also counted while they stream; a body
 * without a length (chunked) is still bounded by {@code quarkus.http.limits.max-body-size}. Form
 * uploads are left to {@code POST /predict}, which answers a browser with a page.</li>
 * </ul>
 */
public class RequestLimits {

    /** The methods whose body this API reads; a GET's stray Content-Type is nobody's concern. */
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final NetsecConfig config;

    public RequestLimits(NetsecConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        MediaType type = null;
        if (contentType != null && WITH_BODY.contains(request.getMethod())) {
            type = mediaType(contentType);
            ApiProblem refused = type == null ? unsupported("the Content-Type header is not a media type (type/subtype,"
                    + " e.g. application/json or text/csv)") : parametersRefused(type);
            if (refused != null) {
                return ProblemMappers.respond(refused.problem(), request.getUriInfo());
            }
        }
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || type != null && "multipart".equalsIgnoreCase(type.getType())) {
            // An upload goes to a file on disk first and is counted while it is scored (its page shows the 413).
            return null;
        }
        long limit = config.uploadLimit().asLongValue();
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return null; // the transport answers a malformed length itself
        }
        if (length <= limit) {
            return null;
        }
        return ProblemMappers.respond(ApiProblem.tooLarge(limit).problem(), request.getUriInfo());
    }

    /**
     * The problem with the media type's parameters, or null: a charset the JVM does not know (the
     * multipart parser failed on it with a 500, the others read the body as UTF-8 regardless), or
     * a multipart type whose boundary is empty (the parser failed on it with a 500).
     */
    private static ApiProblem parametersRefused(MediaType type) {
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !isSupported(charset)) {
            return unsupported("the Content-Type names a charset this server does not know: '"
                    + (charset.length() <= 40 ? charset : charset.substring(0, 40) + "...") + "' (send UTF-8)");
        }
        String boundary = type.getParameters().get("boundary");
        if ("multipart".equalsIgnoreCase(type.getType()) && boundary != null && boundary.isEmpty()) {
            return ApiProblem.badRequest("the Content-Type's boundary is empty: a multipart body needs one of 1 to 70"
                    + " characters (RFC 2046)");
        }
        return null;
    }

    private static boolean isSupported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalArgumentException e) {
            return false; // an illegal name
        }
    }

    private static ApiProblem unsupported(String detail) {
        return ApiProblem.of(415, "unsupported-media-type", "Unsupported Media Type", detail);
    }

    /** The header as a media type, or null when it is not one. */
    private static MediaType mediaType(String header) {
        if (header.isBlank()) {
            return null;
        }
        try {
            return MediaType.valueOf(header);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
