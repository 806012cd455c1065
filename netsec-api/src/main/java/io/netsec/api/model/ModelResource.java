package io.netsec.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.netsec.api.problem.Problem;
import io.netsec.core.bundle.BundleJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The served model's manifest, for programs ({@link ModelCardResource} is the page for people). */
@Path("/api/v1/model")
@Tag(name = "Model")
public class ModelResource {

    private final ModelRegistry models;

    public ModelResource(ModelRegistry models) {
        this.models = models;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The served model's manifest", description = "Metrics with intervals, threshold, schema, data hash,"
            + " training provenance; exactly the bundle's manifest.json.")
    @APIResponse(responseCode = "200", description = "The manifest", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "503", description = "No model is served",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JsonNode manifest() {
        // The bundle's own mapper (snake_case keys), so this is byte for byte the manifest's content.
        return BundleJson.tree(models.require().detector().bundle().manifest());
    }
}
