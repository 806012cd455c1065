package io.netsec.api.scoring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netsec.api.model.ModelRegistry;
import io.netsec.api.problem.Problem;
import io.netsec.core.schema.ColumnSpec;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * MLflow's scoring protocol, so clients written for {@code mlflow models serve} work unchanged.
 * The predictions are records (label, probability, threat; and family and probabilities, for a model
 * that tells attack families apart), as a pyfunc model returning a data frame would answer.
 */
@Path("/")
@Tag(name = "MLflow scoring protocol")
public class MlflowResource {

    private final ScoringService scoring;
    private final ModelRegistry models;
    private final JsonFactory json;
    private final String version;

    public MlflowResource(ScoringService scoring, ModelRegistry models, ObjectMapper mapper,
                          @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.scoring = scoring;
        this.models = models;
        this.json = mapper.getFactory();
        this.version = version;
    }

    @POST
    @Path("invocations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Score (MLflow JSON)", description = "Accepts dataframe_split, dataframe_records, instances or inputs.")
    @APIResponse(responseCode = "200", description = "The predictions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PredictResponse.class)))
    @APIResponse(responseCode = "400", description = "Not one of the protocol's shapes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A value breaks the schema",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "More records than netsec.limits.records, or a body over the upload limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.OBJECT, description = "one of dataframe_split, dataframe_records, instances, inputs")))
    public PredictResponse invokeJson(InputStream body) throws IOException {
        var features = models.require().detector().schema().features().stream().map(ColumnSpec::name).toList();
        List<Map<String, Object>> records;
        try (JsonParser parser = json.createParser(body)) { // the application's limits (nesting depth, number length)
            records = MlflowInput.records(parser, features, scoring.recordLimit());
        }
        return new PredictResponse(scoring.scoreRecords(records, false));
    }

    @POST
    @Path("invocations")
    @Consumes("text/csv")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Score (MLflow CSV)", description = "A CSV body with a header line.")
    @APIResponse(responseCode = "200", description = "The predictions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PredictResponse.class)))
    @APIResponse(responseCode = "422", description = "A cell breaks the schema",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PredictResponse invokeCsv(InputStream body) throws IOException {
        return new PredictResponse(scoring.scoreCsvRows("body", body));
    }

    @GET
    @Path("ping")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Liveness, as MLflow's scoring server answers it")
    public String ping() {
        return "\n";
    }

    @GET
    @Path("version")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The server's version")
    public String version() {
        return version;
    }
}
