package io.netsec.api.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Security headers on every answer of the server: the application's pages and API, Quarkus' own
 * endpoints under {@code /q/} (Swagger UI, OpenAPI, health, metrics) and the transport's bare 413.
 * They are set on the HTTP response before any route runs (a Vert.x filter), so no answer can
 * miss them. Pages get a strict content security policy (no scripts at all, no framing), so even
 * a value that escaped escaping could not run; Swagger UI's page gets scripts and connections to
 * the server itself and nothing else ({@link SwaggerUiPage}).
 */
@Singleton // no client proxy in front of filters that run on every request
public class SecurityHeaders {

    static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
            + " base-uri 'none'; frame-ancestors 'none'";

    /** Swagger UI: its scripts, styles, icons and the requests it sends ("Try it out"), all from this server. */
    static final String SWAGGER_UI_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /**
     * Above the transport's body-size check (route order -2, i.e. priority 2), which answers a
     * declared length over {@code quarkus.http.limits.max-body-size} with a bare 413.
     */
    static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(this::addHeaders, PRIORITY);
    }

    void addHeaders(RoutingContext context) {
        MultiMap headers = context.response().headers();
        boolean swaggerUi = context.normalizedPath().startsWith(SwaggerUiPage.PATH);
        headers.set("Content-Security-Policy", swaggerUi ? SWAGGER_UI_POLICY : PAGE_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        context.next();
    }

    /**
     * The application's own answers hold the caller's scored data (JSON predictions, result pages,
     * downloads) or change with the served model: none is kept by a browser or a proxy.
     */
    @ServerResponseFilter
    public void noStore(ContainerResponseContext response) {
        if (!response.getHeaders().containsKey("Cache-Control")) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
