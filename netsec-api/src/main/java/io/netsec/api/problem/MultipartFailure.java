package io.netsec.api.problem;

import java.io.IOException;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/**
 * The problem for a failure of Quarkus REST's multipart parser, which reads the form of
 * {@code POST /predict} before the resource method runs. It reports most of a broken body with
 * exception types that say nothing (quarkusio/quarkus#54681), so each failure is recognised by
 * the type and the parser class that created it, and only those: an I/O failure anywhere else
 * (a full disk while the upload is written, say) stays a 500.
 *
 * <ul>
 * <li>{@link MultipartParser.MalformedMessageException}: the part syntax is broken (a part's
 * headers not ended by an empty line, text where a delimiter must be);</li>
 * <li>an {@link IOException} made by the upload handler itself: the body ended before the closing
 * delimiter ({@code --boundary--}), because it was cut off (mid-part, in a part's headers, or
 * empty) or because its parts are delimited by a boundary other than the Content-Type's;</li>
 * <li>a plain {@link RuntimeException} from the parser's form data: more parts than
 * {@code quarkus.http.limits.max-parameters} (default 1,000), a 413 like every limit;</li>
 * <li>a 413 {@code WebApplicationException} from the upload handler: a text field over
 * {@code quarkus.http.limits.max-form-attribute-size}, or a body over
 * {@code quarkus.http.limits.max-body-size} (the handler does not say which).</li>
 * </ul>
 */
final class MultipartFailure {

    private static final String PARSER = "org.jboss.resteasy.reactive.server.core.multipart.";
    private static final String UPLOAD_HANDLER = PARSER + "MultiPartParserDefinition$MultiPartUploadHandler";
    private static final String FORM_DATA = PARSER + "FormData";
    static final String HINT = "send the CSV as the form field 'file' of a multipart/form-data body";

    private MultipartFailure() {
    }

    /**
     * The problem for {@code e}, or null when it is not a failure of the multipart parser.
     *
     * @param maxParts the transport's {@code quarkus.http.limits.max-parameters}
     */
    static ApiProblem of(Throwable e, int maxParts) {
        if (e instanceof MultipartParser.MalformedMessageException) {
            return ApiProblem.badRequest("malformed multipart/form-data body: " + HINT);
        }
        if (e.getClass() == IOException.class && madeBy(e, UPLOAD_HANDLER)) {
            return ApiProblem.badRequest("the multipart/form-data body ends before its closing delimiter ('--' + the"
                    + " Content-Type's boundary + '--'): it is cut off, empty, or its parts use another boundary; " + HINT);
        }
        if (e.getClass() == RuntimeException.class && madeBy(e, FORM_DATA)) {
            return ApiProblem.of(413, "too-large", "Body too large", "more than " + maxParts
                    + " parts in one multipart/form-data body (limit: quarkus.http.limits.max-parameters); " + HINT);
        }
        return null;
    }

    /** The problem for a 413 that the upload handler raised, or null for any other 413. */
    static ApiProblem ofTooLarge(Throwable e, long maxFieldBytes) {
        if (!madeBy(e, UPLOAD_HANDLER)) {
            return null;
        }
        return ApiProblem.of(413, "too-large", "Body too large", "the multipart/form-data body has a text field over "
                + maxFieldBytes + " bytes (limit: quarkus.http.limits.max-form-attribute-size), or is over"
                + " quarkus.http.limits.max-body-size; " + HINT);
    }

    /** Whether {@code e} was created in a method of {@code className} (or of one of its inner classes). */
    private static boolean madeBy(Throwable e, String className) {
        StackTraceElement[] trace = e.getStackTrace();
        if (trace.length == 0) {
            return false;
        }
        String origin = trace[0].getClassName();
        return origin.equals(className) || origin.startsWith(className + "$");
    }
}
