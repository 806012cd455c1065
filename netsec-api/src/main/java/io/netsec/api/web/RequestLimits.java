package io.netsec.api.web;

import io.netsec.api.config.NetsecConfig;
import io.netsec.api.problem.ApiProblem;
import io.netsec.api.problem.ProblemMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body whose declared length is over {@code netsec.upload-limit} before it is read, for
 * every endpoint (the JSON ones are parsed whole, so they must not start on a huge body). CSV
 * bodies are also counted while they stream; a body without a length (chunked) is still bounded by
 * {@code quarkus.http.limits.max-body-size}. Form uploads are left to {@code POST /predict}, which
 * answers a browser with a page.
 */
public class RequestLimits {

    private final NetsecConfig config;

    public RequestLimits(NetsecConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response declaredLength(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || request.getMediaType() != null
                && "multipart".equalsIgnoreCase(request.getMediaType().getType())) {
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
}
