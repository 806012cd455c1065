package io.netsec.api.scoring;

import io.netsec.api.model.ModelRegistry;
import io.netsec.api.model.ServedModel;
import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Writes the scoring requests' bodies into the OpenAPI document from the model served when the
 * document is asked for ({@link RequestSchemas}): run per request of {@code /q/openapi}, so a
 * model swapped in (a training job, {@link ModelRegistry#replace}) is described at once. With no
 * model served the records are described as any object, and scoring answers 503.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class ServedModelDocument implements OASFilter {

    static final String CSV = "text/csv";
    static final String JSON = jakarta.ws.rs.core.MediaType.APPLICATION_JSON;
    static final String SCORED_RECORD = "ScoredRecord";
    static final String FAMILY = "family";
    static final String PROBABILITIES = "probabilities";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Optional<ServedModel> served = Arc.container().instance(ModelRegistry.class).get().current();
        int limit = Arc.container().instance(ScoringService.class).get().recordLimit();
        if (served.isPresent()) {
            RequestSchemas request = new RequestSchemas(served.get().detector().schema(), limit);
            openAPI.getComponents().addSchema(RequestSchemas.RECORD, request.record());
            openAPI.getComponents().addSchema(RequestSchemas.PREDICT_REQUEST, request.predictRequest());
            openAPI.getComponents().addSchema(RequestSchemas.MLFLOW_REQUEST, request.mlflowRequest());
            body(openAPI, "/api/v1/predict/csv", CSV, request.csv());
            body(openAPI, "/invocations", CSV, request.csv());
            uploadForm(openAPI, request.csv());
        } else {
            String none = "No model is served: every scoring request answers 503 until one is.";
            openAPI.getComponents().addSchema(RequestSchemas.RECORD, OASFactory.createSchema()
                    .addType(Schema.SchemaType.OBJECT).description(none));
            openAPI.getComponents().addSchema(RequestSchemas.PREDICT_REQUEST, OASFactory.createSchema()
                    .addType(Schema.SchemaType.OBJECT).description(none));
            openAPI.getComponents().addSchema(RequestSchemas.MLFLOW_REQUEST, OASFactory.createSchema()
                    .addType(Schema.SchemaType.OBJECT).description(none));
            body(openAPI, "/api/v1/predict/csv", CSV, OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(none));
            body(openAPI, "/invocations", CSV, OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(none));
        }
        body(openAPI, "/api/v1/predict", JSON, OASFactory.createSchema().ref(RequestSchemas.PREDICT_REQUEST));
        body(openAPI, "/invocations", JSON, OASFactory.createSchema().ref(RequestSchemas.MLFLOW_REQUEST));
        families(openAPI, served.map(model -> model.detector().classNames()).orElse(List.of()));
        served.ifPresent(model -> classNames(openAPI, model.detector().schema().label()));
    }

    /** A prediction's {@code label} and {@code probability} described with the served schema's class names. */
    private static void classNames(OpenAPI openAPI, io.netsec.core.schema.LabelSpec label) {
        Schema scored = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? null
                : openAPI.getComponents().getSchemas().get(SCORED_RECORD);
        Map<String, Schema> properties = scored == null ? null : scored.getProperties();
        if (properties == null || !properties.containsKey("label") || !properties.containsKey("probability")) {
            return;
        }
        String threat = label.threatName();
        String benign = label.benignName();
        properties.get("label").description("the predicted class: '" + threat + "' (the threat) or '" + benign
                + "' (benign)").example(threat);
        properties.get("probability").description("the probability that the record is '" + threat
                + "' (the threat class), from 0 to 1, whatever 'label' says");
    }

    /**
     * A prediction's {@code family} and {@code probabilities}: described, with the served model's
     * classes, when it tells attack families apart; else left out, as the answers leave them out.
     */
    private static void families(OpenAPI openAPI, List<String> classes) {
        Schema scored = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? null
                : openAPI.getComponents().getSchemas().get(SCORED_RECORD);
        if (scored == null) {
            return;
        }
        if (classes.isEmpty()) {
            scored.removeProperty(FAMILY);
            scored.removeProperty(PROBABILITIES);
            return;
        }
        scored.addProperty(FAMILY, OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .enumeration(new ArrayList<Object>(classes))
                .description("for a threat, its most probable family; for a benign record, '" + classes.get(0) + "'"));
        Map<String, Schema> each = new LinkedHashMap<>();
        classes.forEach(name -> each.put(name, OASFactory.createSchema().addType(Schema.SchemaType.NUMBER)
                .minimum(java.math.BigDecimal.ZERO).maximum(java.math.BigDecimal.ONE)));
        scored.addProperty(PROBABILITIES, OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).properties(each)
                .required(new ArrayList<>(classes))
                .description("each class's probability (they add up to 1); 'probability' is one minus '" + classes.get(0) + "'"));
    }

    /** The upload form of {@code POST /predict}: its field 'file', a CSV file. */
    private static void uploadForm(OpenAPI openAPI, Schema csv) {
        PathItem item = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem("/predict");
        Operation post = item == null ? null : item.getPOST();
        MediaType form = post == null || post.getRequestBody() == null || post.getRequestBody().getContent() == null ? null
                : post.getRequestBody().getContent().getMediaType(jakarta.ws.rs.core.MediaType.MULTIPART_FORM_DATA);
        if (form != null) {
            form.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                    .properties(java.util.Map.of("file", csv.description("a CSV file; " + csv.getDescription())))
                    .required(java.util.List.of("file")));
            form.setEncoding(java.util.Map.of("file", OASFactory.createEncoding().contentType(CSV)));
        }
    }

    /** Sets the schema of {@code path}'s POST body of type {@code mediaType}, where the operation takes that type. */
    private static void body(OpenAPI openAPI, String path, String mediaType, Schema schema) {
        PathItem item = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(path);
        Operation post = item == null ? null : item.getPOST();
        if (schema == null || post == null || post.getRequestBody() == null) {
            return;
        }
        Content content = post.getRequestBody().getContent();
        MediaType media = content == null ? null : content.getMediaType(mediaType);
        if (media != null) {
            media.setSchema(schema);
        }
    }
}
