package io.netsec.api.web;

import io.netsec.api.config.NetsecConfig;
import io.netsec.api.model.ModelRegistry;
import io.netsec.api.model.ModelView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The start page: the upload form and what the served model is. */
@Path("/")
@Tag(name = "Pages")
public class HomeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(ModelView model, String loadError, String uploadLimit);
    }

    private final ModelRegistry models;
    private final NetsecConfig config;

    public HomeResource(ModelRegistry models, NetsecConfig config) {
        this.models = models;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The start page with the upload form")
    public TemplateInstance index() {
        ModelView model = models.current().map(ModelView::of).orElse(null);
        long mib = config.uploadLimit().asLongValue() / (1024 * 1024);
        return Templates.index(model, model == null ? models.loadError() : null,
                mib > 0 ? mib + " MB" : config.uploadLimit().asLongValue() + " bytes");
    }

    @GET
    @Path("docs")
    @Operation(summary = "Swagger UI (as the original project had it at /docs)")
    public Response docs() {
        return Response.seeOther(URI.create("/q/swagger-ui/")).build();
    }
}
