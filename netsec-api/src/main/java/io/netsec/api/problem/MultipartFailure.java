package io.netsec.api.problem;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/**
 * The problem for a failure of Quarkus REST's multipart parser, which reads the form of
 * {@code POST /predict} before the resource method runs. It reports most of a broken body with
 * exception types that say nothing (quarkusio/quarkus#54681), so each failure is recognised by
 * its type and where in the parser it was made or thrown, and only those: an I/O failure of the
 * server (a full disk while the upload is written, say) stays a 500. (The Content-Type's own
 * faults, an empty boundary or an unknown charset, are refused before: {@code RequestLimits}.)
 *
 * <ul>
 * <li>{@link MultipartParser.MalformedMessageException}: the part syntax is broken (a part's
 * headers not ended by an empty line, text where a delimiter must be);</li>
 * <li>an {@link IOException} made by the upload handler itself: the body ended before the closing
 * delimiter ({@code --boundary--}), because it was cut off (mid-part, in a part's headers, or
 * empty) or because its parts are delimited by a boundary other than the Content-Type's;</li>
 * <li>a plain {@link RuntimeException} from the parser's form data: more parts than
 * {@code quarkus.http.limits.max-parameters} (default 1,000), a 413 like every limit;</li>
 * <li>anything else thrown while the parser reads the parts (a part's unknown charset, a
 * {@code filename*} with a bad percent escape: JDK exceptions from inside the parser), unless an
 * I/O failure of the server is among its causes: a 400;</li>
 * <li>a 413 {@code WebApplicationException} from the upload handler: a text field over
 * {@code quarkus.http.limits.max-form-attribute-size}, or a body over
 * {@code quarkus.http.limits.max-body-size} (the handler does not say which).</li>
 * </ul>
 */
final class MultipartFailure {

    private static final String PARSER = "org.jboss.resteasy.reactive.server.core.multipart.";
    private static final String UPLOAD_HANDLER = PARSER + "MultiPartParserDefinition$MultiPartUploadHandler";
    private static final String FORM_DATA = PARSER + "FormData";
    private static final String PARSE_STATE = PARSER + "MultipartParser$ParseState";
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
        if (thrownWhileParsing(e) && !serverIo(e)) {
            return ApiProblem.badRequest("a part of the multipart/form-data body cannot be read: its headers, charset,"
                    + " file name (filename*) or transfer encoding is malformed; " + HINT);
        }
        return null;
    }

    /** Whether {@code e} came out of the parser reading the body's parts (its stack passes through it). */
    private static boolean thrownWhileParsing(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().equals(PARSE_STATE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an I/O failure of the server is among the causes (the upload's temporary file could
     * not be made or written): that is a 500, whatever the body. An unknown charset's
     * {@link UnsupportedEncodingException} is the body's fault, not the server's.
     */
    private static boolean serverIo(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException && !(cause instanceof UnsupportedEncodingException)) {
                return true;
            }
        }
        return false;
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
