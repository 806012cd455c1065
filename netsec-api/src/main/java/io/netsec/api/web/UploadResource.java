package io.netsec.api.web;

import io.netsec.api.problem.ApiProblem;
import io.netsec.api.problem.Problem;
import io.netsec.api.scoring.PredictApiResource;
import io.netsec.api.scoring.ResultPage;
import io.netsec.api.scoring.UploadResult;
import io.netsec.api.scoring.UploadService;
import io.netsec.core.data.DataException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The upload page's results: scores the uploaded CSV, then redirects to the result's own page
 * (so reloading does not upload again), which shows one page of rows and links the download.
 */
@Path("/predict")
@Tag(name = "Pages")
public class UploadResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance result(ResultPage page);

        static native TemplateInstance error(Problem problem);
    }

    private final UploadService uploads;

    public UploadResource(UploadService uploads) {
        this.uploads = uploads;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({MediaType.TEXT_HTML, Problem.MEDIA_TYPE})
    @Operation(summary = "Upload a CSV to score (the form on /)", description = "Redirects (303) to the result page;"
            + " bad input is an HTML page for browsers (Accept: text/html), a problem-details body otherwise.")
    @APIResponse(responseCode = "303", description = "The result page")
    @APIResponse(responseCode = "400", description = "No file", content = {@Content(mediaType = MediaType.TEXT_HTML),
            @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))})
    @APIResponse(responseCode = "413", description = "Too large", content = {@Content(mediaType = MediaType.TEXT_HTML),
            @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))})
    @APIResponse(responseCode = "415", description = "Not CSV", content = {@Content(mediaType = MediaType.TEXT_HTML),
            @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))})
    @APIResponse(responseCode = "422", description = "Data breaks the schema", content = {@Content(mediaType = MediaType.TEXT_HTML),
            @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))})
    public Response upload(@RestForm("file") @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
            format = "binary") FileUpload file,
                           @HeaderParam("Accept") String accept) throws IOException {
        try {
            if (file == null || file.uploadedFile() == null) {
                throw ApiProblem.badRequest("choose a CSV file to upload (form field 'file')");
            }
            UploadResult result;
            try (InputStream in = Files.newInputStream(file.uploadedFile())) {
                result = uploads.score(file.fileName(), in);
            }
            return Response.seeOther(URI.create("/predict/" + result.id())).build();
        } catch (ApiProblem e) {
            return failure(e.problem(), accept);
        } catch (DataException e) {
            return failure(ApiProblem.invalidData(e).problem(), accept);
        }
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One page of an upload's scored rows")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "400", description = "A page that is not a number", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "No such result", content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response page(@PathParam("id") String id,
                         @Parameter(description = "1-based; past the end shows the last page",
                                 schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "1"))
                         @QueryParam("page") String page) {
        try {
            long number = QueryValues.page("page", page); // a malformed request is a 400 whatever the id
            return Response.ok(Templates.result(uploads.page(uploads.find(id), number))).build();
        } catch (ApiProblem e) {
            return errorPage(e.problem());
        }
    }

    @GET
    @Path("/{id}/download")
    @Produces(PredictApiResource.CSV_UTF8)
    @Operation(summary = "An upload's full scored CSV", description = "Cells a spreadsheet would run as formulas are"
            + " prefixed with an apostrophe; numbers such as -1 are left as they are.")
    @APIResponse(responseCode = "200", description = "The scored CSV", content = @Content(mediaType = PredictApiResource.CSV_UTF8))
    @APIResponse(responseCode = "404", description = "No such result",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response download(@PathParam("id") String id) {
        UploadResult result = uploads.find(id);
        return Response.ok((jakarta.ws.rs.core.StreamingOutput) out -> uploads.download(result, out), PredictApiResource.CSV_UTF8)
                .header("Content-Disposition", "attachment; filename=\"" + result.downloadName() + "\"")
                .build();
    }

    /** A browser gets a page; a program (no text/html in Accept) gets the problem-details body. */
    private static Response failure(Problem problem, String accept) {
        if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
            return errorPage(problem);
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.withInstance("/predict")).build();
    }

    private static Response errorPage(Problem problem) {
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(problem)).build();
    }
}
