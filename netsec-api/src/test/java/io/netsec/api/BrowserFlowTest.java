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
class BrowserFlowTest {

    static final Path SCREENSHOT = Path.of("target", "screenshots", "result-page.png");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TestHTTPResource("/")
    URL root;

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
        return new ChromeDriver(service, options);
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
            assertTrue(firstRow.matches("1 -?1 [01]\\.\\d{3} -1 1 1 1 .*"),
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
