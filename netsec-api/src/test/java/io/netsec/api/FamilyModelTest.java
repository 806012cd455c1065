package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netsec.core.Detector;
import io.netsec.core.FamilyScore;
import io.netsec.core.Prediction;
import io.netsec.core.bundle.ModelBundle;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every scoring surface of the API with a model that tells attack families apart (the core's
 * fixture {@code v4-j48-families}: the traffic schema's threats split into dos and probe): each
 * prediction of {@code /api/v1/predict} (records, columns and rows, explained) and
 * {@code /invocations} (JSON and CSV) gains {@code family} and {@code probabilities}, exactly
 * what {@link Detector#scoreFamilies} answers; the scored CSV and the upload page gain a family
 * column, the page the rows per family; the OpenAPI document describes both fields with the
 * model's classes. With the known (binary) model, none of them says {@code family} anywhere.
 */
@QuarkusTest
class FamilyModelTest extends KnownModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURE = TestModel.repo().resolve("netsec-core/src/test/resources/bundles/v4-j48-families");
    private static final String HEADER = "id,duration,protocol_type,service,src_bytes,dst_bytes,flag,srv_error_rate";
    /** Rows of the traffic data the fixture was trained on, and one more: threats and benign rows. */
    private static final List<String> ROWS = List.of(
            "1,2421.4968,udp,service_0,103560,918020,SH,0.8796",
            "2,685.2065,icmp,service_0,901846,971136,S0,0.5575",
            "3,2888.7038,udp,service_0,531468,845350,RSTR,0.0648",
            "4,1240.9295,udp,service_9,463438,796692,SH,",
            "5,422.1537,udp,service_4,769150,14410,RSTR,0.8323",
            "6,1300.5,tcp,service_6,12,40000,SF,0.25");

    Detector families;

    /** After the known model is put back (the base class): the family model, from a copy of the fixture, is served. */
    @BeforeEach
    void serveTheFamilyModel() throws IOException {
        Path folder = Files.createTempDirectory(TestModel.TARGET, "families-").resolve("model");
        ModelBundle.load(FIXTURE).writeTo(folder);
        families = Detector.load(folder);
        models.replace(families, folder);
    }

    /** The rows as JSON records of the feature columns (no id): numbers as numbers, the missing value as null. */
    private static List<Map<String, Object>> records() {
        String[] names = HEADER.split(",");
        List<Map<String, Object>> records = new ArrayList<>();
        for (String row : ROWS) {
            String[] cells = row.split(",", -1);
            Map<String, Object> record = new LinkedHashMap<>();
            for (int c = 1; c < names.length; c++) {
                String cell = cells[c];
                record.put(names[c], cell.isEmpty() ? null : c == 2 || c == 3 || c == 6 ? cell : Double.valueOf(cell));
            }
            records.add(record);
        }
        return records;
    }

    private static String csv() {
        return HEADER + "\n" + String.join("\n", ROWS) + "\n";
    }

    private JsonNode post(String path, Object body) throws IOException {
        return JSON.readTree(given().contentType("application/json").body(body).post(path)
                .then().statusCode(200).extract().asString());
    }

    /** Each prediction is the detector's: label, probability, threat, family and each class's probability. */
    private void assertFamilies(JsonNode predictions) {
        List<Map<String, Object>> records = records();
        assertEquals(records.size(), predictions.size());
        boolean threat = false;
        boolean benign = false;
        for (int i = 0; i < records.size(); i++) {
            JsonNode p = predictions.get(i);
            FamilyScore expected = families.scoreFamilies(records.get(i));
            Prediction binary = families.score(records.get(i));
            assertEquals(binary.label(), p.get("label").asText());
            assertEquals(binary.probability(), p.get("probability").asDouble(), "record " + (i + 1));
            assertEquals(binary.threat(), p.get("threat").asBoolean());
            assertEquals(expected.family(), p.get("family").asText(), "record " + (i + 1));
            assertEquals(List.of("normal", "dos", "probe"), names(p.get("probabilities")));
            for (String name : expected.classes()) {
                assertEquals(expected.probabilityOf(name), p.get("probabilities").get(name).asDouble(), name);
            }
            threat |= binary.threat();
            benign |= !binary.threat();
        }
        assertTrue(threat && benign, "the rows hold threats and benign records");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void predictGivesEachRecordItsFamilyAndClassProbabilities() throws IOException {
        assertFamilies(post("/api/v1/predict", Map.of("records", records())).get("predictions"));
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("columns", List.copyOf(records().get(0).keySet()));
        rows.put("rows", records().stream().map(r -> new ArrayList<>(r.values())).toList());
        assertFamilies(post("/api/v1/predict", rows).get("predictions"));
        JsonNode explained = JSON.readTree(given().contentType("application/json").body(Map.of("records", records()))
                .queryParam("explain", "true").post("/api/v1/predict").then().statusCode(200).extract().asString());
        assertFamilies(explained.get("predictions"));
        assertTrue(explained.at("/predictions/0/contributions").size() > 0, explained.toString());
    }

    @Test
    void invocationsGiveTheFamilyAndClassProbabilitiesToo() throws IOException {
        assertFamilies(post("/invocations", Map.of("dataframe_records", records())).get("predictions"));
        JsonNode fromCsv = JSON.readTree(given().contentType("text/csv").body(csv()).post("/invocations")
                .then().statusCode(200).extract().asString());
        assertFamilies(fromCsv.get("predictions"));
    }

    @Test
    void theScoredCsvHasAFamilyColumn() {
        String scored = given().contentType("text/csv").body(csv()).post("/api/v1/predict/csv")
                .then().statusCode(200).extract().asString();
        List<String> lines = scored.lines().toList();
        assertEquals(HEADER + ",prediction,probability,family", lines.get(0));
        List<Map<String, Object>> records = records();
        for (int i = 0; i < ROWS.size(); i++) {
            FamilyScore expected = families.scoreFamilies(records.get(i));
            assertEquals(ROWS.get(i) + "," + families.predictionOf(expected.threatProbability()).label() + ","
                    + expected.threatProbability() + "," + expected.family(), lines.get(i + 1));
        }
    }

    @Test
    void theUploadPageShowsEachRowsFamilyAndTheRowsPerFamily() {
        Response response = given().redirects().follow(false).multiPart("file", "traffic.csv",
                csv().getBytes(StandardCharsets.UTF_8), "text/csv").post("/predict");
        assertEquals(303, response.statusCode(), response.asString());
        String location = response.header("Location");
        String page = given().get(location).then().statusCode(200).extract().asString();
        List<Map<String, Object>> records = records();
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("normal", 0, "dos", 0, "probe", 0));
        records.forEach(r -> counts.merge(families.scoreFamilies(r).family(), 1, Integer::sum));
        for (String name : List.of("normal", "dos", "probe")) {
            assertTrue(page.contains("<tr><td>" + name + "</td><td>" + counts.get(name) + "</td></tr>"), page);
        }
        assertTrue(page.contains(">attack probability</th><th>family</th><th>id</th>"), page);
        for (int i = 0; i < records.size(); i++) {
            FamilyScore expected = families.scoreFamilies(records.get(i));
            assertTrue(page.contains(String.format(java.util.Locale.ROOT, "<td>%.3f</td><td>%s</td><td>%d</td>",
                    expected.threatProbability(), expected.family(), i + 1)), "row " + (i + 1) + ": " + page);
        }
        String id = location.substring(location.lastIndexOf('/') + 1);
        List<String> download = given().get("/predict/" + id + "/download").then().statusCode(200).extract().asString()
                .lines().toList();
        assertEquals(HEADER + ",prediction,probability,family", download.get(0));
        assertEquals(given().contentType("text/csv").body(csv()).post("/api/v1/predict/csv").then().statusCode(200)
                .extract().asString().lines().toList(), download, "the download holds what the CSV API answers");
    }

    @Test
    void theOpenApiDocumentDescribesTheFamilyAndTheClassProbabilities() throws IOException {
        JsonNode scored = openApiScoredRecord();
        assertEquals(List.of("normal", "dos", "probe"), texts(scored.at("/properties/family/enum")));
        assertEquals(List.of("normal", "dos", "probe"), names(scored.at("/properties/probabilities/properties")));
    }

    /** The binary known model, served again: no surface says family. */
    @Test
    void aBinaryModelSaysFamilyNowhere() throws IOException {
        startFromTheKnownModel();
        assertFalse(models.require().detector().hasFamilies());
        Map<String, Object> record = PredictApiTest.record(PredictApiTest.PHISHING_ROW);
        for (String body : List.of(
                given().contentType("application/json").body(Map.of("records", List.of(record))).post("/api/v1/predict")
                        .then().statusCode(200).extract().asString(),
                given().contentType("application/json").body(Map.of("records", List.of(record))).queryParam("explain", "true")
                        .post("/api/v1/predict").then().statusCode(200).extract().asString(),
                given().contentType("application/json").body(Map.of("dataframe_records", List.of(record))).post("/invocations")
                        .then().statusCode(200).extract().asString())) {
            assertFalse(body.contains("family") || body.contains("probabilities"), body);
        }
        String csv = String.join("\n", Files.readAllLines(TestModel.sample(5))) + "\n";
        String scored = given().contentType("text/csv").body(csv).post("/api/v1/predict/csv").then().statusCode(200)
                .extract().asString();
        assertFalse(scored.contains("family"), scored);
        assertTrue(scored.lines().findFirst().orElseThrow().endsWith(",prediction,probability"), scored);
        String invoked = given().contentType("text/csv").body(csv).post("/invocations").then().statusCode(200).extract().asString();
        assertFalse(invoked.contains("family") || invoked.contains("probabilities"), invoked);
        Response response = given().redirects().follow(false).multiPart("file", "sites.csv",
                csv.getBytes(StandardCharsets.UTF_8), "text/csv").post("/predict");
        assertEquals(303, response.statusCode(), response.asString());
        String page = given().get(response.header("Location")).then().statusCode(200).extract().asString();
        assertFalse(page.contains("family"), page);
        String id = response.header("Location").substring(response.header("Location").lastIndexOf('/') + 1);
        String download = given().get("/predict/" + id + "/download").then().statusCode(200).extract().asString();
        assertFalse(download.contains("family"), download);
        JsonNode record2 = openApiScoredRecord();
        assertFalse(record2.path("properties").has("family") || record2.path("properties").has("probabilities"),
                record2.toString());
    }

    private static JsonNode openApiScoredRecord() throws IOException {
        return JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString())
                .at("/components/schemas/ScoredRecord");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
