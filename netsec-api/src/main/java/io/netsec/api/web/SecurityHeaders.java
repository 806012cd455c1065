package io.netsec.api.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Security headers on every answer of the application's resources; pages also get a strict
 * content security policy (no scripts at all, no framing), so even a value that escaped
 * escaping could not run.
 */
@Singleton // no client proxy in front of a filter that runs on every request
public class SecurityHeaders {

    static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
            + " base-uri 'none'; frame-ancestors 'none'";

    @ServerResponseFilter
    public void addHeaders(ContainerResponseContext response) {
        var headers = response.getHeaders();
        // One policy for every answer: the media type is not always known yet when filters run
        // (a Response built around a template), and a strict policy costs a JSON answer nothing.
        headers.putSingle("Content-Security-Policy", PAGE_POLICY);
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Referrer-Policy", "no-referrer");
        MediaType type = response.getMediaType();
        if (response.getEntity() instanceof TemplateInstance || (type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE))) {
            headers.putSingle("Cache-Control", "no-store"); // result pages show uploaded data
        }
    }
}
