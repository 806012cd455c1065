package io.netsec.api.problem;

import io.netsec.core.data.DataException;
import java.util.List;

/**
 * A failure the caller can act on, carrying its problem-details body. Thrown by services and
 * turned into a response by {@link ProblemMappers}; no stack trace ever reaches the client.
 */
public final class ApiProblem extends RuntimeException {

    private static final String URN = "urn:netsec:problem:";

    private final transient Problem problem;

    public ApiProblem(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiProblem of(int status, String kind, String title, String detail) {
        return new ApiProblem(new Problem(URN + kind, title, status, detail, null, null, null, null));
    }

    public static ApiProblem invalidData(DataException e) {
        // A limit hit while the CSV parser reads arrives wrapped in the parser's exceptions.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiProblem problem) {
                return problem;
            }
        }
        return invalidData(e.row() >= 0 ? e.row() : null, e.column(), reasonOf(e));
    }

    public static ApiProblem invalidData(Long row, String column, String detail) {
        StringBuilder where = new StringBuilder();
        if (row != null) {
            where.append(row == 0 ? "header" : "row " + row);
        }
        if (column != null) {
            where.append(where.isEmpty() ? "" : ", ").append("column '").append(column).append('\'');
        }
        String text = where.isEmpty() ? detail : where + ": " + detail;
        return new ApiProblem(new Problem(URN + "invalid-data", "Data breaks the schema", 422, text, null, row, column, null));
    }

    public static ApiProblem badRequest(String detail) {
        return of(400, "bad-request", "Bad request", detail);
    }

    public static ApiProblem notCsv(String detail) {
        return of(415, "not-csv", "Not a CSV file", detail);
    }

    public static ApiProblem emptyFile() {
        return invalidData(0L, null, "the file is empty: a header line is required");
    }

    public static ApiProblem tooLarge(long limitBytes) {
        return of(413, "too-large", "Body too large", "the body exceeds the upload limit of " + limitBytes + " bytes");
    }

    /** A request over one of the {@code netsec.limits.*} settings ({@code what}: "rows", "records", "columns"). */
    public static ApiProblem overLimit(String what, long limit, String setting) {
        return of(413, "too-large", "Body too large", "more than " + limit + " " + what + " in one request (limit: "
                + setting + ")");
    }

    public static ApiProblem noModel(String reason) {
        return of(503, "no-model", "No model is served", "no verified model bundle is loaded: " + reason);
    }

    public static ApiProblem notFound(String detail) {
        return of(404, "not-found", "Not found", detail);
    }

    public static ApiProblem validation(List<Problem.FieldError> errors) {
        return new ApiProblem(new Problem(URN + "invalid-request", "Invalid request", 400,
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " request fields are invalid", null, null, null, errors));
    }

    /** The message of a {@link DataException} without its "source, row, column:" prefix, which the problem carries apart. */
    public static String reasonOf(DataException e) {
        String message = e.getMessage();
        StringBuilder prefix = new StringBuilder(e.source());
        if (e.row() > 0) {
            prefix.append(", row ").append(e.row());
        } else if (e.row() == 0) {
            prefix.append(", header");
        }
        if (e.column() != null) {
            prefix.append(", column '").append(e.column()).append('\'');
        }
        prefix.append(": ");
        return message.startsWith(prefix.toString()) ? message.substring(prefix.length()) : message;
    }
}
