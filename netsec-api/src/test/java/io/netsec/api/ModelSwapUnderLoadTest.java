package io.netsec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netsec.api.model.ServedModel;
import io.netsec.core.Detector;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Swaps the served model again and again while clients post predictions: no request fails, and
 * every answer comes from one whole model (two models whose probabilities differ on the same
 * records, so an answer mixing them would match neither). The load is bounded by count.
 */
@QuarkusTest
class ModelSwapUnderLoadTest extends KnownModelTest {

    static final int CLIENTS = 4;
    static final int REQUESTS_PER_CLIENT = 250;
    static final int RECORDS_PER_REQUEST = 20;
    static final int SWAPS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/predict")
    URI predict;

    @TestHTTPResource("/api/v1/predict/csv")
    URI predictCsv;

    @Test
    void swapsUnderLoadLoseNoRequestAndNeverMixModels() throws Exception {
        ServedModel original = models.require();
        Detector a = original.detector();
        Path bFolder = TestModel.TARGET.resolve("swap-model-b");
        TestModel.otherBundle().writeTo(bFolder);
        Detector b = Detector.load(bFolder);

        List<String> lines = Files.readAllLines(TestModel.sample(RECORDS_PER_REQUEST));
        String[] names = lines.get(0).split(",");
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",");
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < names.length; i++) {
                record.put(names[i], Integer.parseInt(values[i]));
            }
            records.add(record);
        }
        double[] fromA = a.scoreAll(records).stream().mapToDouble(p -> p.probability()).toArray();
        double[] fromB = b.scoreAll(records).stream().mapToDouble(p -> p.probability()).toArray();
        assertFalse(Arrays.equals(fromA, fromB), "the two models answer differently");

        String jsonBody = JSON.writeValueAsString(Map.of("records", records));
        String csvBody = String.join("\n", lines) + "\n";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger answersA = new AtomicInteger();
        AtomicInteger answersB = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        int swaps = 0;
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                boolean csv = c % 2 == 1;
                clients.add(pool.submit(() -> {
                    for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                        try {
                            HttpRequest request = HttpRequest.newBuilder(csv ? predictCsv : predict)
                                    .header("Content-Type", csv ? "text/csv" : "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(csv ? csvBody : jsonBody)).build();
                            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200) {
                                failures.add(response.statusCode() + " " + response.body());
                                continue;
                            }
                            double[] got = csv ? fromCsv(response.body()) : fromJson(response.body());
                            if (Arrays.equals(got, fromA)) {
                                answersA.incrementAndGet();
                            } else if (Arrays.equals(got, fromB)) {
                                answersB.incrementAndGet();
                            } else {
                                failures.add("an answer from neither model alone: " + Arrays.toString(got));
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        } finally {
                            done.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            int total = CLIENTS * REQUESTS_PER_CLIENT;
            // Swap whenever another tenth of the requests has been answered (by count, not by time).
            while (swaps < SWAPS && done.get() < total) {
                int next = (swaps + 1) * total / (SWAPS + 1);
                while (done.get() < next && !allDone(clients)) {
                    Thread.sleep(1); // polling a count, leaving the cores to the clients and the server
                }
                if (swaps % 2 == 0) {
                    models.replace(b, bFolder);
                } else {
                    models.replace(a, original.folder());
                }
                swaps++;
            }
            for (Future<?> f : clients) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            models.replace(a, original.folder()); // the other tests expect the original model
        }
        System.out.printf("ModelSwapUnderLoadTest: %d requests (%d records each) while the model was swapped %d times;"
                        + " %d answers from model A, %d from model B, %d failed%n", done.get(), RECORDS_PER_REQUEST, swaps,
                answersA.get(), answersB.get(), failures.size());
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())), "no failed or mixed answers");
        assertEquals(CLIENTS * REQUESTS_PER_CLIENT, answersA.get() + answersB.get());
        assertTrue(swaps >= 5, "the model was swapped under load: " + swaps);
        assertTrue(answersB.get() > 0 && answersA.get() > 0, "both models answered");
    }

    private static boolean allDone(List<Future<?>> futures) {
        return futures.stream().allMatch(Future::isDone);
    }

    private static double[] fromJson(String body) throws Exception {
        JsonNode predictions = JSON.readTree(body).get("predictions");
        double[] out = new double[predictions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = predictions.get(i).get("probability").asDouble();
        }
        return out;
    }

    private static double[] fromCsv(String body) {
        List<String> rows = body.lines().skip(1).toList();
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            String row = rows.get(i);
            out[i] = Double.parseDouble(row.substring(row.lastIndexOf(',') + 1));
        }
        return out;
    }
}
