package io.netsec.api.model;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    public TemplateInstance card() {
        return Templates.card(ModelView.of(models.require()));
    }
}
