package io.netsec.api.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Security headers on every answer of the application's resources; pages also get a strict
 * content security policy (no scripts at all, no framing), so even a value that escaped
 * escaping could not run.
 */
public class SecurityHeaders {

    static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
            + " base-uri 'none'; frame-ancestors 'none'";

    @ServerResponseFilter
    public void addHeaders(ContainerResponseContext response) {
        var headers = response.getHeaders();
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "no-referrer");
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            headers.putSingle("Content-Security-Policy", PAGE_POLICY);
            headers.putSingle("X-Frame-Options", "DENY");
            headers.putSingle("Cache-Control", "no-store");
        } else if (!headers.containsKey("Content-Security-Policy")) {
            headers.putSingle("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        }
    }
}
