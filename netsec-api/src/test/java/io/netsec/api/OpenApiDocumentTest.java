package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netsec.core.Detector;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.ColumnType;
import io.netsec.core.schema.DataSchema;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document says what the API accepts (issue 22): the scoring bodies' records are the
 * served model's feature columns with their types and allowed values, written again when another
 * model is served; every example it gives is scored; no framework internals are listed; the pages
 * say they are HTML; OPTIONS (and a 405) name only the methods of the path asked for.
 * scripts/schemathesis.sh checks the same document with generated requests.
 */
@QuarkusTest
class OpenApiDocumentTest extends KnownModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document() throws IOException {
        return JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
    }

    @Test
    void listsOnlyTheApisOwnSchemas() throws IOException {
        JsonNode doc = document();
        Set<String> names = new TreeSet<>();
        doc.path("components").path("schemas").fieldNames().forEachRemaining(names::add);
        assertEquals(new TreeSet<>(List.of("ColumnDrift", "DriftStatus", "FieldError", "JobResult", "JobState", "JobStatus",
                "MlflowRequest", "PredictRequest", "PredictResponse", "Problem", "Record", "ScoredRecord", "SharePoint",
                "TrainRequest")), names);
        String text = doc.toString();
        for (String internal : List.of("JsonNode", "valueNode", "nodeType", "TemplateInstance", "EngineImpl", "AtomicLong")) {
            assertFalse(text.contains(internal), "the document names " + internal);
        }
        assertEquals("object", doc.at("/components/schemas/JobResult/properties/metrics/type").asText());
    }

    @Test
    void answersNameTheClassesAndTheThreatProbability() throws IOException {
        JsonNode scored = document().at("/components/schemas/ScoredRecord/properties");
        assertEquals("phishing", scored.at("/label/example").asText());
        assertTrue(scored.at("/label/description").asText().contains("'phishing' (the threat) or 'legitimate' (benign)"),
                scored.at("/label").toString());
        assertTrue(scored.at("/probability/description").asText().startsWith("the probability that the record is 'phishing'"),
                scored.at("/probability").toString());
    }

    /** Schemathesis found /api/v1/drift answering null where the document said number or string. */
    @Test
    void theDriftAnswersNullableFieldsAreDocumentedSo() throws IOException {
        JsonNode schemas = document().at("/components/schemas");
        for (String pointer : List.of("/DriftStatus/properties/window_duration", "/DriftStatus/properties/threat_share_max",
                "/DriftStatus/properties/reference_threat_share", "/ColumnDrift/properties/p_value")) {
            JsonNode type = schemas.at(pointer + "/type");
            assertTrue(type.isArray() && type.toString().contains("\"null\""), pointer + ": " + schemas.at(pointer));
        }
        assertEquals("\"number\"", schemas.at("/DriftStatus/properties/threat_share/type").toString(),
                "a field that is never null stays so");
    }

    @Test
    void recordsAreTheServedModelsFeatureColumns() throws IOException {
        assertDescribes(models.require().detector().schema(), document());
    }

    @Test
    void anotherModelIsDescribedAsSoonAsItIsServed() throws IOException {
        Path folder = Files.createTempDirectory(TestModel.TARGET, "traffic-");
        TestModel.trafficBundle().writeTo(folder.resolve("model"));
        Detector traffic = Detector.load(folder.resolve("model"));
        models.replace(traffic, folder.resolve("model"));
        JsonNode doc = document();
        assertDescribes(traffic.schema(), doc);
        JsonNode record = doc.at("/components/schemas/Record/properties");
        assertEquals(List.of("number", "null"), texts(record.at("/srv_error_rate/type")));
        assertEquals(0, record.at("/duration/minimum").asDouble());
        assertEquals(3600, record.at("/duration/maximum").asDouble());
        assertEquals(List.of("tcp", "udp", "icmp"), texts(record.at("/protocol_type/enum")));
        assertFalse(record.has("having_IP_Address"));
        everyExampleIsScored(doc);
    }

    @Test
    void everyExampleOfThePhishingModelIsScored() throws IOException {
        everyExampleIsScored(document());
    }

    @Test
    void aValueOutsideTheColumnsDomainIsA422AndDocumentedSo() throws IOException {
        JsonNode doc = document();
        assertTrue(doc.at("/components/schemas/Record/description").asText().contains("422"));
        for (String path : List.of("/api/v1/predict", "/invocations", "/api/v1/predict/csv")) {
            assertTrue(doc.path("paths").path(path).path("post").path("responses").has("422"), path);
        }
        var record = PredictApiTest.record(PredictApiTest.PHISHING_ROW);
        record.put("having_IP_Address", 0); // allowed: -1, 1
        given().contentType("application/json").body(java.util.Map.of("records", List.of(record)))
                .post("/api/v1/predict").then().statusCode(422);
        given().contentType("application/json").body(java.util.Map.of("dataframe_records", List.of(record)))
                .post("/invocations").then().statusCode(422);
    }

    @Test
    void docsIsDocumentedAndAnsweredAsHtml() throws IOException {
        JsonNode docs = document().at("/paths/~1docs/get/responses");
        assertFalse(docs.toString().contains("application/json"), docs.toString());
        assertTrue(docs.at("/200/content").has("text/html"));
        assertEquals("/q/swagger-ui/", docs.at("/303/headers/Location/description").asText());
        given().redirects().follow(false).get("/docs").then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/q/swagger-ui/"));
        given().get("/docs").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/html"));
    }

    @Test
    void optionsAndA405NameOnlyThePathsMethods() {
        assertEquals("GET, HEAD, OPTIONS", given().options("/ping").then().statusCode(200).extract().header("Allow"));
        assertEquals("GET, HEAD, OPTIONS", given().options("/version").then().statusCode(200).extract().header("Allow"));
        assertEquals("OPTIONS, POST", given().options("/invocations").then().statusCode(200).extract().header("Allow"));
        assertEquals("GET, HEAD, OPTIONS", given().options("/predict/abc").then().statusCode(200).extract().header("Allow"));
        assertEquals("GET, HEAD, OPTIONS", given().options("/api/v1/jobs/abc").then().statusCode(200).extract().header("Allow"));
        assertEquals("OPTIONS, POST", given().options("/api/v1/train").then().statusCode(200).extract().header("Allow"));
        assertEquals("GET, HEAD, OPTIONS", given().options("/").then().statusCode(200).extract().header("Allow"));
        assertEquals("GET, HEAD, OPTIONS", given().post("/ping").then().statusCode(405).extract().header("Allow"));
        assertEquals("OPTIONS, POST", given().get("/invocations").then().statusCode(405).extract().header("Allow"));
    }

    /** Record: one property per feature column, in order, with its type, allowed values and whether it is required. */
    private static void assertDescribes(DataSchema schema, JsonNode doc) {
        JsonNode record = doc.at("/components/schemas/Record");
        List<String> properties = new ArrayList<>();
        record.path("properties").fieldNames().forEachRemaining(properties::add);
        assertEquals(schema.features().stream().map(ColumnSpec::name).toList(), properties);
        assertEquals(schema.features().stream().filter(c -> !c.nullable()).map(ColumnSpec::name).toList(), texts(record.path("required")));
        assertFalse(record.path("additionalProperties").asBoolean(true));
        for (ColumnSpec column : schema.features()) {
            JsonNode property = record.path("properties").path(column.name());
            String type = switch (column.type()) {
                case INTEGER -> "integer";
                case NUMBER -> "number";
                default -> "string";
            };
            List<String> types = property.path("type").isArray() ? texts(property.path("type")) : List.of(property.path("type").asText());
            assertEquals(column.nullable() ? List.of(type, "null") : List.of(type), types, column.name());
            List<String> allowed = new ArrayList<>(column.allowed());
            if (!allowed.isEmpty() && column.nullable()) {
                allowed.add("null");
            }
            List<String> documented = texts(property.path("enum")).stream()
                    .map(v -> column.type() == ColumnType.INTEGER && !v.equals("null") ? String.valueOf(Long.parseLong(v)) : v).toList();
            assertEquals(allowed, documented, column.name());
        }
    }

    /** Each example of a scoring body (records, rows, the four MLflow shapes, CSV) is answered 200 with one prediction each. */
    private static void everyExampleIsScored(JsonNode doc) {
        int posted = 0;
        for (JsonNode example : doc.at("/components/schemas/PredictRequest/examples")) {
            given().contentType("application/json").body(example.toString()).post("/api/v1/predict").then().statusCode(200)
                    .body("predictions.size()", org.hamcrest.Matchers.equalTo(1));
            posted++;
        }
        for (JsonNode example : doc.at("/components/schemas/MlflowRequest/examples")) {
            given().contentType("application/json").body(example.toString()).post("/invocations").then().statusCode(200)
                    .body("predictions.size()", org.hamcrest.Matchers.equalTo(1));
            posted++;
        }
        for (String path : List.of("/invocations", "/api/v1/predict/csv")) {
            for (JsonNode example : doc.at("/paths/" + path.replace("/", "~1") + "/post/requestBody/content/text~1csv/schema/examples")) {
                given().contentType("text/csv").body(example.asText()).post(path).then().statusCode(200);
                posted++;
            }
        }
        assertEquals(2 + 4 + 2, posted, "examples posted");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.isNull() ? "null" : node.asText()));
        return out;
    }
}
