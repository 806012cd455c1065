package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end in headless Chromium: open the start page, upload a CSV through the form, check the
 * table and the download link, and keep a screenshot of the result page under target/. Fails
 * (does not skip) when Chromium is missing, since CI must run it.
 */
@QuarkusTest
class BrowserFlowTest {

    static final Path SCREENSHOT = Path.of("target", "screenshots", "result-page.png");

    @TestHTTPResource("/")
    URL root;

    @Test
    void uploadThroughTheFormShowsThePredictions() throws Exception {
        Path csv = TestModel.sample(120).toAbsolutePath();
        try (WebDriverSession browser = WebDriverSession.start()) {
            browser.open(root.toString());
            browser.type(browser.find("input#file"), csv.toString());
            browser.click(browser.find("button#submit"));

            String resultUrl = browser.awaitUrl(".*/predict/[0-9a-f]{32}$", java.time.Duration.ofSeconds(30));
            assertTrue(resultUrl.matches(".*/predict/[0-9a-f]{32}$"), "redirected to the result page: " + resultUrl);
            assertEquals("120", browser.text(browser.find("#rows")));
            List<String> rows = browser.findAll("table#predictions tbody tr");
            assertEquals(50, rows.size(), "the first page of rows");
            String firstRow = browser.text(rows.get(0));
            assertTrue(firstRow.matches("1 -?1 [01]\\.\\d{3} -1 1 1 1 .*"),
                    "row number, prediction, probability, then the cells of row 1: " + firstRow);

            String href = browser.attribute(browser.find("a#download"), "href");
            assertTrue(href.endsWith(URI.create(resultUrl).getPath() + "/download"), href);
            browser.screenshot(SCREENSHOT);

            List<String> download = given().get(URI.create(href).getPath()).then().statusCode(200)
                    .extract().asString().lines().toList();
            assertEquals(121, download.size(), "the download has every row");
        }
        assertTrue(Files.size(SCREENSHOT) > 1000, "a screenshot was saved");
    }
}
