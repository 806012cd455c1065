package io.netsec.api.scoring;

import io.netsec.api.problem.Problem;
import io.netsec.api.web.QueryValues;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** JSON and CSV scoring for programs. */
@Path("/api/v1/predict")
@Tag(name = "Scoring")
public class PredictApiResource {

    /** The type of every scored CSV: its bytes are UTF-8, whatever a client would guess. */
    public static final String CSV_UTF8 = "text/csv; charset=utf-8";

    private final ScoringService scoring;
    private final JsonScoring json;

    public PredictApiResource(ScoringService scoring, JsonScoring json) {
        this.scoring = scoring;
        this.json = json;
    }

    @POST
    @NonBlocking // the body is read whole before the call; see JsonScoring for where it is scored
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Score records", description = "Predictions in the order of the records; explain=true adds each"
            + " model input's contribution to the raw score. A model that tells attack families apart adds each record's"
            + " family and class probabilities.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PredictRequest.class)))
    @APIResponse(responseCode = "200", description = "The predictions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PredictResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or an invalid request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A value breaks the schema; row is the record's 1-based position",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "No model is served",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PredictResponse> predict(byte[] body,
                                        @Parameter(description = "true adds each model input's contribution",
                                                schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
                                        @QueryParam("explain") String explain) {
        return json.predict(body, QueryValues.flag("explain", explain));
    }

    @POST
    @Path("/csv")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(CSV_UTF8)
    @Operation(summary = "Score a CSV file", description = "Every input column plus 'prediction' and 'probability'"
            + " (and 'family', for a model that tells attack families apart)."
            + " The whole body is scored before the answer starts, so a bad row is a 422, never a truncated file.")
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "The scored CSV", content = @Content(mediaType = CSV_UTF8))
    @APIResponse(responseCode = "413", description = "Body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not CSV",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Empty file, unknown or missing column, wrong type or value outside the schema",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response predictCsv(InputStream body) throws IOException {
        java.nio.file.Path scored = Files.createTempFile("netsec-scored", ".csv");
        try {
            scoring.scoreCsv("body", body, (detector, header) -> new BufferedOutputStream(Files.newOutputStream(scored), 1 << 16));
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(scored);
            throw e;
        }
        StreamingOutput stream = out -> {
            try {
                Files.copy(scored, out);
            } finally {
                Files.deleteIfExists(scored);
            }
        };
        return Response.ok(stream, CSV_UTF8).build();
    }
}
