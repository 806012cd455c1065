package io.netsec.api.drift;

import io.netsec.api.model.ModelRegistry;
import io.netsec.api.problem.Problem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The monitoring page, linked from the model card: the threat share over time and the drifted features. */
@Path("/model/monitor")
@Tag(name = "Pages")
public class MonitorResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance monitor(MonitorView view);
    }

    private final DriftMonitor monitor;
    private final ModelRegistry models;

    public MonitorResource(DriftMonitor monitor, ModelRegistry models) {
        this.monitor = monitor;
        this.models = models;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The monitoring page: threat share over time and drifted features")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML,
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "503", description = "No model is served",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TemplateInstance monitor() {
        models.require();
        DriftStatus status = monitor.status();
        if (status == null) {
            models.require();
        }
        return Templates.monitor(MonitorView.of(status));
    }
}
