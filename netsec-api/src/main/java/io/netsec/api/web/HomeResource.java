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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML,
            schema = @Schema(type = SchemaType.STRING)))
    public TemplateInstance index() {
        ModelView model = models.current().map(ModelView::of).orElse(null);
        long mib = config.uploadLimit().asLongValue() / (1024 * 1024);
        return Templates.index(model, model == null ? models.loadError() : null,
                mib > 0 ? mib + " MB" : config.uploadLimit().asLongValue() + " bytes");
    }

    @GET
    @Path("docs")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Swagger UI (as the original project had it at /docs)")
    @APIResponse(responseCode = "303", description = "Swagger UI's page, an HTML page at the Location",
            headers = @Header(name = "Location", description = "/q/swagger-ui/", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "Swagger UI's page, for a client that follows the redirect",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Response docs() {
        return Response.seeOther(URI.create("/q/swagger-ui/")).build();
    }
}
