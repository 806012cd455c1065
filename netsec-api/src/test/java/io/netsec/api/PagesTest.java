package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PagesTest extends KnownModelTest {

    private static String upload(String name, byte[] csv) {
        Response response = given().redirects().follow(false)
                .multiPart("file", name, csv, "text/csv")
                .post("/predict");
        assertEquals(303, response.statusCode(), response.asString());
        return response.header("Location");
    }

    @Test
    void startPageHasTheFormTheModelAndSecurityHeaders() {
        given().get("/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("enctype=\"multipart/form-data\""))
                .body(containsString("name=\"file\""))
                .body(containsString("<dd id=\"family\">"));
        given().get("/netsec.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void uploadShowsThePagedTableAndDownloadsTheFullFile() throws IOException {
        String location = upload("sites.csv", Files.readAllBytes(TestModel.sample(120)));
        String page = given().get(location).then().statusCode(200).extract().asString();
        assertTrue(page.contains("<dd id=\"rows\">120</dd>"), page);
        assertTrue(page.contains("page 1 of 3"), page);
        assertEquals(50, page.split("<tr").length - 2, "50 data rows plus the header row");
        String id = location.substring(location.lastIndexOf('/') + 1);
        String third = given().queryParam("page", 3).get("/predict/" + id).then().statusCode(200).extract().asString();
        assertTrue(third.contains("Rows 101 to 120"), third);

        Response download = given().get("/predict/" + id + "/download");
        assertEquals(200, download.statusCode());
        assertTrue(download.header("Content-Disposition").contains("sites-predictions.csv"));
        List<String> lines = download.asString().lines().toList();
        assertEquals(121, lines.size());
        assertTrue(lines.get(1).startsWith("-1,1,1,1,"), "-1 is a number, not a formula: " + lines.get(1));
    }

    /** Issue 26: the answers call the classes by the schema's names, and say whose probability they give. */
    @Test
    void pagesNameTheClassesAndTheThreatProbability() throws IOException {
        String page = given().get(upload("sites.csv", Files.readAllBytes(TestModel.sample(20)))).then().statusCode(200)
                .extract().asString();
        assertTrue(page.contains("<dt>Threats found (phishing)</dt>"), page);
        assertTrue(page.contains(">phishing probability</th>"), page);
        assertTrue(page.matches("(?s).*<tr( class=\"threat\")?><td>1</td><td>(phishing|legitimate)</td>.*"), page);
        assertFalse(page.matches("(?s).*<tr( class=\"threat\")?><td>\\d+</td><td>-?1</td>.*"), "no raw label value: " + page);
        String card = given().get("/model").then().statusCode(200).extract().asString();
        assertTrue(card.contains("<b>phishing</b> (the threat) and <b>legitimate</b> (benign)"), card);
        assertTrue(card.contains("<th>Predicted phishing</th><th>Predicted legitimate</th>"), card);
        List<String> scored = given().contentType("text/csv").body(Files.readAllBytes(TestModel.sample(5)))
                .post("/api/v1/predict/csv").then().statusCode(200).extract().asString().lines().toList();
        assertTrue(scored.get(0).endsWith(",Result,prediction,probability"), "machine names stay: " + scored.get(0));
        assertTrue(scored.stream().skip(1).allMatch(line -> line.matches(".*,(phishing|legitimate),[01]\\.?[0-9E-]*")), scored.toString());
    }

    @Test
    void eachUploadKeepsItsOwnResult() throws IOException {
        String first = upload("a.csv", Files.readAllBytes(TestModel.sample(10)));
        String second = upload("b.csv", Files.readAllBytes(TestModel.sample(30)));
        assertNotEquals(first, second);
        given().get(first).then().statusCode(200).body(containsString("<dd id=\"rows\">10</dd>"));
        given().get(second).then().statusCode(200).body(containsString("<dd id=\"rows\">30</dd>"));
    }

    @Test
    void valuesAreEscapedAndFormulasNeutralisedInTheDownload() throws IOException {
        List<String> lines = Files.readAllLines(TestModel.sample(2));
        // An extra column the schema does not know is carried through, so its values are shown.
        String csv = lines.get(0) + ",note\n" + lines.get(1) + ",<script>alert(1)</script>\n" + lines.get(2) + ",=HYPERLINK(\"x\")\n";
        String location = upload("<b>x</b>.csv", csv.getBytes(StandardCharsets.UTF_8));
        String page = given().get(location).then().statusCode(200).extract().asString();
        assertFalse(page.contains("<script>alert"), "a value must never become markup");
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(page.contains("<b>x</b>"));
        assertTrue(page.contains("<td>=HYPERLINK(&quot;x&quot;)</td>"), "the page shows the cell as uploaded: " + page);
        String id = location.substring(location.lastIndexOf('/') + 1);
        String download = given().get("/predict/" + id + "/download").asString();
        assertTrue(download.contains("'=HYPERLINK"), download);
    }

    @Test
    void badUploadsAreProblemsForProgramsAndPagesForBrowsers() {
        given().multiPart("file", "empty.csv", new byte[0], "text/csv").post("/predict")
                .then().statusCode(422).contentType("application/problem+json");
        given().multiPart("file", "x.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1}, "image/png").post("/predict")
                .then().statusCode(415).contentType("application/problem+json");
        given().accept("text/html").multiPart("file", "bad.csv", "a,b\n<i>1</i>,2\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/predict")
                .then().statusCode(422).contentType(containsString("text/html"))
                .body(containsString("missing column"))
                .body(not(containsString("<i>1</i>")));
        given().multiPart("other", "x").post("/predict")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unknownResultIsA404() {
        given().get("/predict/0123456789abcdef/download").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void modelCardAndManifest() {
        given().get("/model").then().statusCode(200)
                .body(containsString("Confusion matrix"))
                .body(containsString("roc_auc"))
                .body(containsString("<svg"))
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*<svg id=\"roc-curve\".*<polyline points=\"0\\.0,200\\.0 [0-9., ]+200\\.0,0\\.0\".*"))
                .body(containsString("<svg id=\"pr-curve\""))
                .body(containsString("<table id=\"importance\">"))
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*<dt>Repeats in the data</dt><dd>[0-9,]+ distinct feature vectors,"
                        + " [0-9,]+ of them seen with both labels; [0-9,]+ of the [0-9,]+ test rows have an exact copy.*"));
        given().get("/api/v1/model").then().statusCode(200)
                .body("format", equalTo("netsec-model-bundle"))
                .body("threshold.value", org.hamcrest.Matchers.notNullValue())
                .body("metrics.test.roc_auc", org.hamcrest.Matchers.notNullValue())
                .body("training.data.sha256", org.hamcrest.Matchers.notNullValue())
                .body("format_version", equalTo(5))
                .body("reference.columns.size()", equalTo(30))
                .body("metrics.test_ci95.roc_auc.size()", equalTo(2))
                .body("training.data.distinct_feature_vectors", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void docsRedirectToSwaggerUi() {
        given().redirects().follow(false).get("/docs").then().statusCode(303)
                .header("Location", containsString("/q/swagger-ui"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
