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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in headless Chromium, driven by Selenium: open the start page, upload a CSV through
 * the form, check the table and the download link, and keep a screenshot of the result page under
 * target/. Fails (does not skip) when Chromium is missing, since CI must run it.
 */
@QuarkusTest
class BrowserFlowIT extends KnownModelTest {

    static final Path SCREENSHOT = Path.of("target", "screenshots", "result-page.png");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TestHTTPResource("/")
    URL root;

    @jakarta.inject.Inject
    io.netsec.api.drift.DriftMonitor monitor;

    /** Debian's chromedriver and chromium with the flags this machine needs; nothing is downloaded. */
    static ChromeDriver startBrowser() throws Exception {
        for (Path tool : List.of(CHROMEDRIVER, CHROMIUM)) {
            if (!Files.isExecutable(tool)) {
                throw new IllegalStateException(tool + " is missing: the browser test needs Debian's chromium and"
                        + " chromium-driver (run scripts/install-chromium.sh)");
            }
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("netsec-chromium-profile"));
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL")); // the console, for CSP reports
        return new ChromeDriver(service, options);
    }

    /**
     * Swagger UI under its content security policy (scripts and styles from the server only):
     * the operations render, one opens, and the console reports no violation of the policy.
     */
    @Test
    void swaggerUiRendersItsOperationsUnderItsPolicy() throws Exception {
        String policy = given().get("/q/swagger-ui/").then().statusCode(200).extract().header("Content-Security-Policy");
        assertTrue(policy != null && policy.contains("script-src 'self'") && !policy.contains("unsafe"), "the policy: " + policy);
        ChromeDriver browser = startBrowser();
        try {
            browser.get(root.toString() + "docs"); // redirects to /q/swagger-ui/
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> d.findElements(By.cssSelector(".opblock")).size() >= 10);
            List<String> paths = browser.findElements(By.cssSelector(".opblock-summary-path")).stream()
                    .map(WebElement::getText).map(t -> t.replace("\u200b", "")).toList();
            assertTrue(paths.contains("/api/v1/predict") && paths.contains("/invocations") && paths.contains("/predict/{id}"),
                    "operations shown: " + paths);
            browser.findElement(By.cssSelector(".opblock-post .opblock-summary")).click();
            wait.until(d -> !d.findElements(By.cssSelector(".opblock-body")).isEmpty());
            Path shot = SCREENSHOT.resolveSibling("swagger-ui.png");
            Files.createDirectories(shot.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
            List<String> console = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                    .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
            assertTrue(console.stream().noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to")),
                    "CSP violations: " + console);
        } finally {
            browser.quit();
        }
    }

    /**
     * Issue 26: shifted traffic sent through the API, then the model card's link to the monitoring
     * page: its status DOWN, the threat share chart drawn, the drifted features named.
     */
    @Test
    void theMonitoringPageShowsShiftedTraffic() throws Exception {
        Path folder = config.modelDir().toAbsolutePath().normalize();
        models.replace(io.netsec.core.Detector.load(folder), folder); // a new window
        List<java.util.Map<String, Object>> shifted = DriftMonitorTest.shifted(models.require().detector().schema());
        for (int from = 0; from < shifted.size(); from += 250) {
            given().contentType("application/json").body(java.util.Map.of("records", shifted.subList(from, Math.min(shifted.size(), from + 250))))
                    .post("/api/v1/predict").then().statusCode(200);
        }
        assertTrue(monitor.drained(120, java.util.concurrent.TimeUnit.SECONDS));
        ChromeDriver browser = startBrowser();
        try {
            browser.get(root.toString() + "model");
            browser.findElement(By.cssSelector("a#monitor")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlMatches(".*/model/monitor$"));
            assertEquals("DOWN", browser.findElement(By.cssSelector("#drift-status")).getText());
            assertTrue(browser.findElement(By.cssSelector("#window-rows")).getText().startsWith(shifted.size() + " "));
            WebElement chart = browser.findElement(By.cssSelector("svg#threat-share-chart"));
            assertTrue(chart.getSize().getWidth() > 100, "the chart is drawn");
            assertEquals(1, chart.findElements(By.tagName("polyline")).size(), "the threat share's line");
            String drifted = browser.findElement(By.cssSelector("#drifted")).getText();
            assertTrue(drifted.startsWith("Drifted: ") && drifted.split(", ").length >= 15, drifted);
            List<WebElement> rows = browser.findElements(By.cssSelector("table#features tbody tr.threat"));
            assertEquals(drifted.substring("Drifted: ".length()).split(", ").length, rows.size(), "drifted rows marked");
            Path shot = SCREENSHOT.resolveSibling("monitor-page.png");
            Files.createDirectories(shot.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }

    @Test
    void uploadThroughTheFormShowsThePredictions() throws Exception {
        Path csv = TestModel.sample(120).toAbsolutePath();
        ChromeDriver browser = startBrowser();
        try {
            browser.get(root.toString());
            browser.findElement(By.cssSelector("input#file")).sendKeys(csv.toString());
            browser.findElement(By.cssSelector("button#submit")).click();

            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlMatches(".*/predict/[0-9a-f]{32}$"));
            String resultUrl = browser.getCurrentUrl();
            assertEquals("120", browser.findElement(By.cssSelector("#rows")).getText());
            List<WebElement> rows = browser.findElements(By.cssSelector("table#predictions tbody tr"));
            assertEquals(50, rows.size(), "the first page of rows");
            String firstRow = rows.get(0).getText();
            assertTrue(firstRow.matches("1 (phishing|legitimate) [01]\\.\\d{3} -1 1 1 1 .*"),
                    "row number, prediction, probability, then the cells of row 1: " + firstRow);

            String href = browser.findElement(By.cssSelector("a#download")).getAttribute("href");
            assertTrue(href.endsWith(URI.create(resultUrl).getPath() + "/download"), href);
            Files.createDirectories(SCREENSHOT.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);

            List<String> download = given().get(URI.create(href).getPath()).then().statusCode(200)
                    .extract().asString().lines().toList();
            assertEquals(121, download.size(), "the download has every row");
        } finally {
            browser.quit();
        }
        assertTrue(Files.size(SCREENSHOT) > 1000, "a screenshot was saved");
    }
}
