package io.netsec.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.api.drift.DriftMonitor;
import io.netsec.core.Detector;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service watches its traffic (issue 26): phishing rows with more than half of their features'
 * values redrawn, sent through the JSON API, make the drift health group DOWN and the gauges on
 * /q/metrics pass their thresholds; rows of the training data do not; a bundle without its
 * training data's distributions reports the threat share only. Each test starts a new window by
 * serving the model again (a swap starts a window). The test profile sets
 * {@code netsec.drift.threat-share-max} to 0.9.
 */
@QuarkusTest
class DriftMonitorTest extends KnownModelTest {

    /** Features whose values are redrawn in the shifted rows: 20 of the 30. */
    static final int REDRAWN = 20;

    @Inject
    DriftMonitor monitor;

    @BeforeEach
    void newWindow() {
        Path folder = config.modelDir().toAbsolutePath().normalize();
        models.replace(Detector.load(folder), folder);
    }

    /** Every 11th row of the phishing data, as records: distributed as the training data. */
    static List<Map<String, Object>> unshifted() throws IOException {
        List<String> lines = Files.readAllLines(TestModel.phishingCsv());
        String[] names = lines.get(0).split(",");
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 1; i < lines.size() && records.size() < 1000; i += 11) {
            String[] values = lines.get(i).split(",");
            Map<String, Object> record = new LinkedHashMap<>();
            for (int c = 0; c < names.length - 1; c++) { // the label left out
                record.put(names[c], Integer.parseInt(values[c]));
            }
            records.add(record);
        }
        return records;
    }

    /** The same rows with the first {@link #REDRAWN} features' values redrawn: each another of its allowed values. */
    static List<Map<String, Object>> shifted(DataSchema schema) throws IOException {
        SplittableRandom random = new SplittableRandom(26);
        List<ColumnSpec> features = schema.features();
        List<Map<String, Object>> records = new ArrayList<>();
        for (Map<String, Object> record : unshifted()) {
            Map<String, Object> changed = new LinkedHashMap<>(record);
            for (ColumnSpec feature : features.subList(0, REDRAWN)) {
                List<Integer> others = new ArrayList<>();
                for (Object allowed : feature.allowed()) {
                    int value = Integer.parseInt(allowed.toString());
                    if (value != (Integer) record.get(feature.name())) {
                        others.add(value);
                    }
                }
                changed.put(feature.name(), others.get(random.nextInt(others.size())));
            }
            records.add(changed);
        }
        return records;
    }

    /** Sent half as records (the bound path, explain=true) and half as columns and rows (the streaming path). */
    private void send(List<Map<String, Object>> records) throws InterruptedException {
        int half = records.size() / 2;
        given().contentType("application/json").queryParam("explain", "true")
                .body(Map.of("records", records.subList(0, half)))
                .post("/api/v1/predict").then().statusCode(200);
        List<String> columns = new ArrayList<>(records.get(0).keySet());
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> record : records.subList(half, records.size())) {
            rows.add(new ArrayList<>(record.values()));
        }
        given().contentType("application/json").body(Map.of("columns", columns, "rows", rows))
                .post("/api/v1/predict").then().statusCode(200);
        assertTrue(monitor.drained(120, TimeUnit.SECONDS), "the summary counted every request");
    }

    @Test
    void shiftedTrafficMakesTheDriftGroupDown() throws Exception {
        List<Map<String, Object>> records = shifted(models.require().detector().schema());
        send(records);
        JsonPath drift = given().get("/api/v1/drift").then().statusCode(200).extract().jsonPath();
        assertEquals(records.size(), drift.getInt("window_rows"));
        assertTrue(drift.getBoolean("has_reference"));
        assertEquals("distances", drift.getString("regime"), "11,055 reference rows: distances, as netsec validate");
        assertTrue(drift.getDouble("drift_share") >= 0.5, "drift share " + drift.getDouble("drift_share"));
        assertTrue(drift.getBoolean("dataset_drift"));
        assertEquals("DOWN", drift.getString("status"));
        List<String> drifted = drift.getList("features.findAll { it.drift }.column");
        assertTrue(drifted.size() >= 15 && drifted.stream().allMatch(this::redrawn), "drifted: " + drifted);

        given().get("/q/health/group/drift").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'drift' }.data.drifted_features", containsString(drifted.get(0)));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(gauge(metrics, "netsec_drift_drifted_feature_share", null) >= gauge(metrics, "netsec_drift_dataset_drift_share", null));
        assertEquals(records.size(), gauge(metrics, "netsec_drift_window_rows", null));
        String feature = drifted.get(0);
        assertTrue(gauge(metrics, "netsec_drift_feature_statistic", feature) >= gauge(metrics, "netsec_drift_feature_threshold", feature),
                feature + "'s distance passes its threshold");
    }

    @Test
    void trafficLikeTheTrainingDataDoesNotDrift() throws Exception {
        List<Map<String, Object>> records = unshifted();
        send(records);
        JsonPath drift = given().get("/api/v1/drift").then().statusCode(200).extract().jsonPath();
        assertEquals(records.size(), drift.getInt("window_rows"));
        assertEquals(0, drift.getInt("drifted_features"), "drifted: " + drift.getList("features.findAll { it.drift }.column"));
        assertFalse(drift.getBoolean("dataset_drift"));
        double share = drift.getDouble("threat_share");
        assertEquals(drift.getDouble("reference_threat_share"), share, 0.05, "the sample's threat share is the data's");
        given().get("/q/health/group/drift").then().statusCode(200).body("status", equalTo("UP"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(gauge(metrics, "netsec_drift_drifted_feature_share", null) < gauge(metrics, "netsec_drift_dataset_drift_share", null));
        assertEquals(share, gauge(metrics, "netsec_drift_threat_share", null), 1e-9);
        for (String feature : List.of("SSLfinal_State", "URL_of_Anchor", "web_traffic")) {
            assertTrue(gauge(metrics, "netsec_drift_feature_statistic", feature) < gauge(metrics, "netsec_drift_feature_threshold", feature),
                    feature);
        }
    }

    @Test
    void aThreatShareOverTheLimitMakesTheGroupDown() throws Exception {
        Detector detector = models.require().detector();
        List<Map<String, Object>> threats = new ArrayList<>();
        for (Map<String, Object> record : unshifted()) {
            if (detector.score(record).threat()) {
                threats.add(record);
            }
        }
        send(threats);
        JsonPath drift = given().get("/api/v1/drift").then().statusCode(200).extract().jsonPath();
        assertEquals(1.0, drift.getDouble("threat_share"));
        assertEquals(0.9, drift.getDouble("threat_share_max"));
        assertTrue(drift.getBoolean("threat_share_exceeded"));
        given().get("/q/health/group/drift").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'drift' }.data.threat_share", equalTo("1.0000"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(gauge(metrics, "netsec_drift_threat_share", null) > gauge(metrics, "netsec_drift_threat_share_max", null));
    }

    @Test
    void aBundleTrainedBeforeReportsTheThreatShareOnly() throws Exception {
        ModelBundle known = TestModel.bundle();
        assertNotNull(known.manifest().reference(), "training keeps the reference");
        ModelBundle older = new ModelBundle(known.manifest().withReference(null).withFormatVersion(2), known.schema(), known.model());
        Path folder = Files.createTempDirectory(TestModel.TARGET, "no-reference-").resolve("model");
        older.writeTo(folder);
        models.replace(Detector.load(folder), folder);
        send(shifted(older.schema().schema()));
        JsonPath drift = given().get("/api/v1/drift").then().statusCode(200).extract().jsonPath();
        assertFalse(drift.getBoolean("has_reference"));
        assertEquals(List.of(), drift.getList("features"));
        assertTrue(drift.getDouble("threat_share") > 0);
        given().get("/q/health/group/drift").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/model/monitor").then().statusCode(200).body(containsString("threat share only"));
    }

    @Test
    void theMonitoringPageShowsTheDriftedFeatures() throws Exception {
        send(shifted(models.require().detector().schema()));
        given().get("/model").then().statusCode(200).body(containsString("href=\"/model/monitor\""));
        String page = given().get("/model/monitor").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        assertTrue(page.contains("id=\"threat-share-chart\"") && page.contains("<polyline"), page);
        assertTrue(page.contains(">DOWN<"), page);
        List<String> drifted = given().get("/api/v1/drift").then().extract().jsonPath()
                .getList("features.findAll { it.drift }.column");
        assertTrue(page.contains("<p id=\"drifted\">Drifted: " + String.join(", ", drifted) + "</p>"), page);
    }

    private boolean redrawn(String feature) {
        List<ColumnSpec> features = models.require().detector().schema().features();
        return features.subList(0, REDRAWN).stream().anyMatch(c -> c.name().equals(feature));
    }

    /** The value of a gauge in Prometheus' text format (with {@code feature}'s tag, when not null). */
    static double gauge(String metrics, String name, String feature) {
        String labels = feature == null ? "(\\{[^}]*\\})?" : "\\{[^}]*feature=\"" + Pattern.quote(feature) + "\"[^}]*\\}";
        Matcher m = Pattern.compile("(?m)^" + name + labels + " (\\S+)$").matcher(metrics);
        assertTrue(m.find(), name + " on /q/metrics");
        return Double.parseDouble(m.group(m.groupCount()));
    }
}
