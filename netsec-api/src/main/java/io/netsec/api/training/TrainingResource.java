package io.netsec.api.training;

import io.netsec.api.problem.Problem;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Training jobs: start one on the server's configured data, then poll it. Both need the API key. */
@Path("/api/v1")
@Tag(name = "Training")
public class TrainingResource {

    static final String API_KEY = "X-API-Key";

    private final TrainingService training;

    public TrainingResource(TrainingService training) {
        this.training = training;
    }

    @POST
    @Path("/train")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a training job", description = "Trains on the server's configured data. The new model"
            + " is served only once its bundle is complete and verified; a failed job leaves the served model as it was.")
    @APIResponse(responseCode = "202", description = "Accepted; poll the Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobStatus.class)))
    @APIResponse(responseCode = "400", description = "Invalid options",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Training is disabled (no API key configured)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A job is already running, or no training data is configured",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response train(@Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam(API_KEY) String apiKey,
                          @Valid TrainRequest request) {
        training.authorize(apiKey);
        JobStatus job = training.start(request);
        return Response.accepted(job).location(URI.create("/api/v1/jobs/" + job.id())).build();
    }

    @GET
    @Path("/jobs/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A training job's progress and result")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobStatus.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such job, or training is disabled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JobStatus job(@Parameter(in = ParameterIn.HEADER, required = true) @HeaderParam(API_KEY) String apiKey,
                         @PathParam("id") String id) {
        training.authorize(apiKey);
        return training.status(id);
    }
}
