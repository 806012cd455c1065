package io.netsec.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.netsec.api.web.AllowedMethods;
import io.netsec.core.data.DataException;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 problem-details response. Bad input is a 4xx naming the
 * row and column; anything unexpected is a 500 with a generic detail (the stack trace goes to
 * the log, never to the client).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final int maxFormParts;
    private final long maxFormFieldBytes;
    private final AllowedMethods allowedMethods;

    public ProblemMappers(AllowedMethods allowedMethods,
                          @ConfigProperty(name = "quarkus.http.limits.max-parameters", defaultValue = "1000") int maxFormParts,
                          @ConfigProperty(name = "quarkus.http.limits.max-form-attribute-size", defaultValue = "2048")
                          MemorySize maxFormFieldBytes) {
        this.maxFormParts = maxFormParts;
        this.maxFormFieldBytes = maxFormFieldBytes.asLongValue();
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response dataException(DataException e, UriInfo uri) {
        return respond(ApiProblem.invalidData(e).problem(), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return respond(ApiProblem.validation(errors).problem(), uri);
    }

    // Quarkus ships mappers for these two subtypes; these more specific ones keep the problem format.
    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response parse(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        String detail = e.getOriginalMessage();
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String path = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            detail = (e instanceof InvalidFormatException ? "wrong type at " : "unexpected value at ") + path;
        }
        if (e.getLocation() != null) {
            detail += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return respond(ApiProblem.of(400, "malformed-json", "Malformed JSON", detail).problem(), uri);
    }

    /** Found by schemathesis: a form body that breaks multipart syntax was a 500 (see {@link MultipartFailure}). */
    @ServerExceptionMapper
    public Response malformedMultipart(org.jboss.resteasy.reactive.server.core.multipart.MultipartParser.MalformedMessageException e,
                                       UriInfo uri) {
        return respond(MultipartFailure.of(e, maxFormParts).problem(), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri); // Quarkus wraps body parse failures in a 400
        }
        int status = e.getResponse().getStatus();
        ApiProblem form = status == 413 ? MultipartFailure.ofTooLarge(e, maxFormFieldBytes) : null;
        if (form != null) {
            return respond(form.problem(), uri);
        }
        if (status >= 500) {
            LOG.error("Request failed", e);
            return respond(ApiProblem.of(status, "server-error", "Server error", "the request could not be completed").problem(), uri);
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Request failed";
        String kind = title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        Response problem = respond(ApiProblem.of(status, kind, title, e.getMessage()).problem(), uri);
        if (status == 405) { // RFC 9110: a 405 says what the path takes
            java.util.Set<String> allowed = allowedMethods.allowed("/" + uri.getPath().replaceFirst("^/", ""));
            return allowed.isEmpty() ? problem : Response.fromResponse(problem).header("Allow", String.join(", ", allowed)).build();
        }
        return problem;
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e, UriInfo uri) {
        ApiProblem form = MultipartFailure.of(e, maxFormParts); // a broken form body, in types that say nothing
        if (form != null) {
            return respond(form.problem(), uri);
        }
        LOG.error("Unexpected failure", e);
        return respond(ApiProblem.of(500, "server-error", "Server error", "the request could not be completed;"
                + " the server log has the details").problem(), uri);
    }

    private static String fieldOf(String propertyPath) {
        // "predict.body.records" -> "records": the method and parameter names mean nothing to a client.
        // "models[0].<list element>" (a constraint on a list's element) -> "models[0]".
        String[] parts = propertyPath.replace(".<list element>", "").split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : propertyPath;
    }

    /** The response for {@code problem}, with the request path as its instance. */
    public static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "")))
                .build();
    }
}
