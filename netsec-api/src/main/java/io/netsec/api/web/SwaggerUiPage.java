package io.netsec.api.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Swagger UI's start page without inline scripts. Quarkus' page starts Swagger UI from two inline
 * {@code <script>} blocks, which a policy of {@code script-src 'self'} refuses; this page loads the
 * same Swagger UI files and starts them from {@code /swagger-ui-init.js} in the base layout (no
 * top bar, whose logo carries an inline {@code <style>}), so the page's policy
 * ({@link SecurityHeaders#SWAGGER_UI_POLICY}) needs nothing but the server itself. Every other
 * Swagger UI file is still Quarkus' own. BrowserFlowIT checks in Chromium that it renders with no
 * report of the policy.
 */
@Singleton
public class SwaggerUiPage {

    /** Where Quarkus serves Swagger UI ({@code quarkus.swagger-ui.path} under {@code /q}). */
    static final String PATH = "/q/swagger-ui/";

    private final Buffer page;

    public SwaggerUiPage() {
        try (InputStream in = SwaggerUiPage.class.getResourceAsStream("/swagger-ui/index.html")) {
            if (in == null) {
                throw new IllegalStateException("swagger-ui/index.html is missing from the application");
            }
            page = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(@Observes Filters filters) {
        filters.register(this::serve, SecurityHeaders.PRIORITY - 1); // after the headers are set
    }

    void serve(RoutingContext context) {
        String path = context.normalizedPath();
        HttpMethod method = context.request().method();
        if ((path.equals(PATH) || path.equals(PATH + "index.html")) && (method == HttpMethod.GET || method == HttpMethod.HEAD)) {
            context.response().putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    .end(method == HttpMethod.HEAD ? Buffer.buffer() : page);
            return;
        }
        context.next();
    }
}
