package io.netsec.api.model;

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

/** The model card: held-out figures with their intervals and the confusion matrix, as a page. */
@Path("/model")
@Tag(name = "Pages")
public class ModelCardResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance card(ModelView model);
    }

    private final ModelRegistry models;

    public ModelCardResource(ModelRegistry models) {
        this.models = models;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The model card page")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML,
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "503", description = "No model is served",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TemplateInstance card() {
        return Templates.card(ModelView.of(models.require()));
    }
}
