package io.netsec.api.drift;

import io.netsec.api.model.ModelRegistry;
import io.netsec.api.problem.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The served traffic against the training data, as JSON ({@link MonitorResource} shows it as a page). */
@Path("/api/v1/drift")
@Tag(name = "Monitoring")
public class DriftResource {

    private final DriftMonitor monitor;
    private final ModelRegistry models;

    public DriftResource(DriftMonitor monitor, ModelRegistry models) {
        this.monitor = monitor;
        this.models = models;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The served traffic against the training data",
            description = "The sliding window of what the served model scored: its threat share, and each feature's drift"
                    + " verdict against the training data the bundle holds, by the tests and thresholds of 'netsec validate"
                    + " --reference'. A bundle trained before it held its training data's distributions gives the threat"
                    + " share only (has_reference false).")
    @APIResponse(responseCode = "200", description = "The window and its comparison",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DriftStatus.class)))
    @APIResponse(responseCode = "503", description = "No model is served",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DriftStatus drift() {
        models.require();
        DriftStatus status = monitor.status();
        if (status == null) {
            models.require(); // swapped out meanwhile: the same 503
        }
        return status;
    }
}
