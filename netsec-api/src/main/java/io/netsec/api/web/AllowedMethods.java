package io.netsec.api.web;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers {@code OPTIONS} with the methods the path itself takes. Quarkus REST's automatic answer
 * lists every method of the resource class the path falls in ({@code OPTIONS /ping} offered POST,
 * which is {@code /invocations}'); this one matches the path against each resource method's full
 * template, as Jakarta REST picks a method (the templates with the most literal characters win),
 * and lists theirs, with HEAD beside GET and OPTIONS itself. A path no template matches is left to
 * Quarkus (a 404, or a route of its own such as {@code /q/openapi}). A 405 names the same methods
 * ({@link io.netsec.api.problem.ProblemMappers}).
 */
@Singleton
public class AllowedMethods {

    /** One resource method's path as a pattern, its literal length (for precedence) and HTTP method. */
    record Route(Pattern pattern, int literals, String method) {
    }

    private volatile List<Route> routes;

    void register(@Observes Filters filters) {
        filters.register(this::serve, SecurityHeaders.PRIORITY - 2); // after the headers are set
    }

    void serve(RoutingContext context) {
        if (context.request().method() != HttpMethod.OPTIONS) {
            context.next();
            return;
        }
        Set<String> allowed = allowed(context.normalizedPath());
        if (allowed.isEmpty()) {
            context.next();
            return;
        }
        context.response().putHeader("Allow", String.join(", ", allowed)).end();
    }

    /** The methods {@code path} takes, or none when no resource method's template matches it. */
    public Set<String> allowed(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int best = -1;
        Set<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (!route.pattern().matcher(trimmed).matches() || route.literals() < best) {
                continue;
            }
            if (route.literals() > best) {
                best = route.literals();
                methods.clear();
            }
            methods.add(route.method());
        }
        if (!methods.isEmpty()) {
            if (methods.contains("GET")) {
                methods.add("HEAD");
            }
            methods.add("OPTIONS");
        }
        return methods;
    }

    private List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            List<Route> found = new ArrayList<>();
            for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
                Path type = bean.getBeanClass().getAnnotation(Path.class);
                if (type != null) {
                    for (Method method : bean.getBeanClass().getMethods()) {
                        add(found, type.value(), method);
                    }
                }
            }
            routes = known = List.copyOf(found);
        }
        return known;
    }

    private static void add(List<Route> routes, String typePath, Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            jakarta.ws.rs.HttpMethod http = annotation.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
            if (http != null) {
                Path sub = method.getAnnotation(Path.class);
                routes.add(route(typePath + "/" + (sub == null ? "" : sub.value()), http.value()));
            }
        }
    }

    /** The route of a template such as {@code /predict/{id}/download} ({@code {name: regex}} keeps its regex). */
    static Route route(String template, String method) {
        String path = ("/" + template).replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        int last = 0;
        Matcher variable = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*([^}]*))?}").matcher(path);
        while (variable.find()) {
            regex.append(Pattern.quote(path.substring(last, variable.start())));
            literals += variable.start() - last;
            regex.append('(').append(variable.group(1) == null ? "[^/]+" : variable.group(1).trim()).append(')');
            last = variable.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        literals += path.length() - last;
        return new Route(Pattern.compile(regex.toString()), literals, method);
    }
}
