package io.netsec.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A minimal W3C WebDriver client over Debian's chromedriver driving headless Chromium. Plain
 * HTTP and JSON: no browser or driver is ever downloaded, and no Selenium dependency competes
 * with Quarkus' on the test class path.
 */
final class WebDriverSession implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String session;
    private final Path profile;

    private WebDriverSession(Process driver, String base, Path profile) throws IOException, InterruptedException {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
        List<String> args = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        JsonNode created = call("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                "browserName", "chrome",
                "goog:chromeOptions", Map.of("binary", CHROMIUM.toString(), "args", args)))));
        this.session = "/session/" + created.path("sessionId").asText();
    }

    /** Starts chromedriver on a free port and opens a browser session; fails clearly when either is missing. */
    static WebDriverSession start() throws IOException, InterruptedException {
        for (Path tool : List.of(CHROMEDRIVER, CHROMIUM)) {
            if (!Files.isExecutable(tool)) {
                throw new IllegalStateException(tool + " is missing: the browser test needs Debian's chromium and"
                        + " chromium-driver (run scripts/install-chromium.sh)");
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "chromedriver.log").toFile())
                .start();
        String base = "http://127.0.0.1:" + port;
        HttpClient probe = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                HttpResponse<String> status = probe.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (status.statusCode() == 200 && status.body().contains("\"ready\":true")) {
                    break;
                }
            } catch (IOException notYet) {
                // the driver is still starting
            }
            if (Instant.now().isAfter(deadline) || !driver.isAlive()) {
                driver.destroyForcibly();
                throw new IllegalStateException("chromedriver did not start; see target/chromedriver.log");
            }
            Thread.sleep(100);
        }
        try {
            return new WebDriverSession(driver, base, Files.createTempDirectory("netsec-chromium-profile"));
        } catch (IOException | RuntimeException e) {
            driver.destroyForcibly();
            throw e;
        }
    }

    void open(String url) throws IOException, InterruptedException {
        call("POST", session + "/url", Map.of("url", url));
    }

    String currentUrl() throws IOException, InterruptedException {
        return call("GET", session + "/url", null).asText();
    }

    /** Waits until the page's address matches {@code regex} (a form submission navigates after the click returns). */
    String awaitUrl(String regex, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String url = currentUrl();
        while (!url.matches(regex) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            url = currentUrl();
        }
        return url;
    }

    String find(String css) throws IOException, InterruptedException {
        return call("POST", session + "/element", Map.of("using", "css selector", "value", css)).path(ELEMENT).asText();
    }

    List<String> findAll(String css) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        call("POST", session + "/elements", Map.of("using", "css selector", "value", css))
                .forEach(e -> ids.add(e.path(ELEMENT).asText()));
        return ids;
    }

    void type(String element, String text) throws IOException, InterruptedException {
        call("POST", session + "/element/" + element + "/value", Map.of("text", text));
    }

    void click(String element) throws IOException, InterruptedException {
        call("POST", session + "/element/" + element + "/click", Map.of());
    }

    String text(String element) throws IOException, InterruptedException {
        return call("GET", session + "/element/" + element + "/text", null).asText();
    }

    String attribute(String element, String name) throws IOException, InterruptedException {
        return call("GET", session + "/element/" + element + "/property/" + name, null).asText();
    }

    void screenshot(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(call("GET", session + "/screenshot", null).asText()));
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request = switch (method) {
            case "POST" -> request.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            case "DELETE" -> request.DELETE();
            default -> request.GET();
        };
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode value = JSON.readTree(response.body()).path("value");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " failed: " + value.path("error").asText()
                    + ": " + value.path("message").asText());
        }
        return value;
    }

    @Override
    public void close() throws IOException {
        try {
            call("DELETE", session, null);
        } catch (IOException | InterruptedException | RuntimeException ignored) {
            // the browser may already be gone; the driver is stopped below either way
        } finally {
            driver.destroy();
            try (var paths = Files.walk(profile)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // a temporary profile folder
            }
        }
    }
}
