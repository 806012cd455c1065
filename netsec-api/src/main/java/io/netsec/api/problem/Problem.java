package io.netsec.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem-details body ({@code application/problem+json}). Extension members name the
 * place at fault in the caller's data, so a client can point at the cell to fix.
 *
 * @param type     a URI naming the kind of problem
 * @param title    a short summary of the kind
 * @param status   the HTTP status
 * @param detail   this occurrence, in words
 * @param instance the request path
 * @param row      the 1-based data row at fault (0: the header), when a row applies
 * @param column   the column at fault, when one applies
 * @param errors   each invalid request field, for validation failures
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(example = "urn:netsec:problem:invalid-data") String type,
        @Schema(example = "Data breaks the schema") String title,
        @Schema(example = "422") int status,
        @Schema(example = "row 3, column 'SSLfinal_State': value not allowed: '7'") String detail,
        @Schema(example = "/api/v1/predict") String instance,
        @Schema(description = "1-based data row at fault; 0 is the header") Long row,
        @Schema(description = "column at fault") String column,
        @Schema(description = "invalid request fields") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid request field. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, row, column, errors);
    }
}
