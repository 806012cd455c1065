package io.netsec.api.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.netsec.api.config.NetsecConfig;
import io.netsec.api.model.ModelRegistry;
import io.netsec.api.model.ServedModel;
import io.netsec.api.scoring.ScoredRecord;
import io.netsec.core.Detector;
import io.netsec.core.bundle.TrainingReference;
import io.netsec.core.data.RecordKeys;
import io.netsec.core.data.RowEncoder;
import io.netsec.core.validate.DriftDetector;
import io.netsec.core.validate.DriftReport;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Keeps a sliding window ({@link TrafficWindow}) of what the served model scored and compares it
 * with the training data its bundle holds ({@link TrainingReference}) by the drift detector of
 * {@code netsec validate --reference} ({@link DriftDetector}: the same tests and thresholds).
 *
 * <p>Off the request's critical path: a request only offers what it already holds (its records or
 * its body, and its answers) to a bounded queue; one thread reads them again, encodes them as the
 * scorer does ({@link RowEncoder}) and counts them. A request that finds the queue full is dropped
 * and counted. So that the summary never takes the scorers' processor, the thread rests nineteen
 * times as long as it worked ({@link #WORK_SHARE}): under heavier traffic the window is a sample
 * of it. A model swap starts a new window.
 */
@Singleton
public class DriftMonitor {

    private static final Logger LOG = Logger.getLogger(DriftMonitor.class);

    /** The share of one processor the summary may take at most. */
    static final double WORK_SHARE = 0.05;

    /**
     * The most request data the queue holds at once (bodies by their bytes, bound records at
     * {@link #RECORD_BYTES} each), so a few large requests cannot hold the heap: one over it is
     * left out and counted, as when the queue is full.
     */
    static final long HELD_BYTES = 8L << 20;

    /** What a bound record (a map of boxed values) is taken to hold, per feature. */
    static final long RECORD_BYTES = 64;

    private final ModelRegistry models;
    private final NetsecConfig.Drift config;
    private final BlockingQueue<Observation> queue;
    private final AtomicLong droppedRequests = new AtomicLong();
    private final AtomicLong heldBytes = new AtomicLong();
    private final ObjectMapper json = new ObjectMapper();
    private final Thread drain;
    private final DriftGauges gauges;
    /** The window of the model last seen, guarded by this monitor's lock. */
    private Served served;
    private long version;
    private DriftStatus cached;
    private long cachedVersion = -1;

    /** What one request scored, as it holds it. */
    private sealed interface Observation {
        Detector detector();

        /** The request data it holds, for {@link #HELD_BYTES}. */
        default long bytes() {
            return 0;
        }
    }

    private record Records(Detector detector, List<? extends Map<String, ?>> records, List<ScoredRecord> answers)
            implements Observation {
        @Override
        public long bytes() {
            return records.size() * RECORD_BYTES * detector.schema().features().size();
        }
    }

    private record Body(Detector detector, byte[] body, List<ScoredRecord> answers) implements Observation {
        @Override
        public long bytes() {
            return body.length;
        }
    }

    private record Verdicts(Detector detector, long rows, long threats) implements Observation {
    }

    private record Marker(CountDownLatch done) implements Observation {
        @Override
        public Detector detector() {
            return null;
        }
    }

    /** The model a window belongs to, with what encodes its records. */
    private record Served(Detector detector, RecordKeys keys, RowEncoder encoder, TrafficWindow window,
                          TrainingReference reference, long startedMillis) {
    }

    public DriftMonitor(ModelRegistry models, NetsecConfig config, MeterRegistry meters) {
        this.models = models;
        this.config = config.drift();
        this.queue = new ArrayBlockingQueue<>(this.config.queue());
        this.gauges = new DriftGauges(meters, this);
        this.drain = Thread.ofPlatform().daemon().name("netsec-drift").unstarted(this::drainLoop);
        drain.setPriority(Thread.MIN_PRIORITY);
        drain.start();
    }

    void stop(@Observes ShutdownEvent event) {
        drain.interrupt();
    }

    /** Records scored by the bound path (their maps) and their answers, in order. */
    public void observeRecords(Detector detector, List<? extends Map<String, ?>> records, List<ScoredRecord> answers) {
        offer(new Records(detector, records, answers));
    }

    /** A JSON body scored by the streaming path ({@code records} or {@code columns}/{@code rows}) and its answers. */
    public void observeBody(Detector detector, byte[] body, List<ScoredRecord> answers) {
        offer(new Body(detector, body, answers));
    }

    /** Rows whose values the service does not hold (a streamed CSV file): their verdicts only. */
    public void observeVerdicts(Detector detector, long rows, long threats) {
        offer(new Verdicts(detector, rows, threats));
    }

    private void offer(Observation observation) {
        long bytes = observation.bytes();
        if (heldBytes.addAndGet(bytes) > HELD_BYTES) {
            heldBytes.addAndGet(-bytes);
            droppedRequests.incrementAndGet();
        } else if (!queue.offer(observation)) {
            heldBytes.addAndGet(-bytes);
            droppedRequests.incrementAndGet();
        }
    }

    /** Waits until every request offered before is counted (for tests and the page's fresh view). */
    public boolean drained(long timeout, TimeUnit unit) throws InterruptedException {
        Marker marker = new Marker(new CountDownLatch(1));
        queue.put(marker);
        return marker.done().await(timeout, unit);
    }

    private void drainLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Observation next = queue.take();
                long started = System.nanoTime();
                if (next instanceof Marker marker) {
                    marker.done().countDown();
                    continue;
                }
                try {
                    count(next);
                } finally {
                    heldBytes.addAndGet(-next.bytes());
                }
                long worked = System.nanoTime() - started;
                TimeUnit.NANOSECONDS.sleep((long) (worked * (1 - WORK_SHARE) / WORK_SHARE));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | IOException e) {
                // A summary must never stop: a request it cannot read again is left out.
                LOG.debugf(e, "drift summary: a request left out");
            }
        }
    }

    private void count(Observation observation) throws IOException {
        Served window = windowOf(observation.detector());
        if (window == null) {
            return; // scored by a model no longer served
        }
        List<double[]> rows = new ArrayList<>();
        List<Boolean> threats = new ArrayList<>();
        switch (observation) {
            case Records r -> {
                for (int i = 0; i < r.records().size(); i++) {
                    rows.add(encode(window, r.records().get(i)));
                    threats.add(r.answers().get(i).threat());
                }
            }
            case Body b -> {
                List<Map<String, Object>> records = recordsOf(json.readTree(b.body()));
                for (int i = 0; i < records.size() && i < b.answers().size(); i++) {
                    rows.add(encode(window, records.get(i)));
                    threats.add(b.answers().get(i).threat());
                }
            }
            case Verdicts v -> {
                countVerdicts(window, v);
                return;
            }
            case Marker m -> {
            }
        }
        synchronized (this) {
            if (served != window) {
                return;
            }
            long now = System.currentTimeMillis();
            for (int i = 0; i < rows.size(); i++) {
                window.window().add(rows.get(i), threats.get(i), now);
            }
            version++;
        }
    }

    /** A file's verdicts, the threats spread evenly over its rows (its order is not known here). */
    private synchronized void countVerdicts(Served window, Verdicts verdicts) {
        if (served != window) {
            return;
        }
        long now = System.currentTimeMillis();
        long rows = verdicts.rows();
        for (long i = 0; i < rows; i++) {
            window.window().add(null, (i + 1) * verdicts.threats() / rows > i * verdicts.threats() / rows, now);
        }
        version++;
    }

    /** The records of a predict body, {@code {"records": [...]}} or {@code {"columns": [...], "rows": [[...]]}}. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> recordsOf(JsonNode body) {
        List<Map<String, Object>> records = new ArrayList<>();
        if (body.has("records")) {
            body.get("records").forEach(node -> records.add(json.convertValue(node, Map.class)));
        } else if (body.has("columns") && body.has("rows")) {
            List<String> columns = new ArrayList<>();
            body.get("columns").forEach(name -> columns.add(name.asText()));
            for (JsonNode row : body.get("rows")) {
                Map<String, Object> record = new LinkedHashMap<>();
                List<Object> values = json.convertValue(row, List.class);
                for (int c = 0; c < columns.size() && c < values.size(); c++) {
                    record.put(columns.get(c), values.get(c));
                }
                records.add(record);
            }
        }
        return records;
    }

    /** A record's encoded feature values, as the scorer encodes them (a value it refused: missing). */
    private static double[] encode(Served window, Map<String, ?> record) {
        Object[] byKey = window.keys().collect(record);
        double[] out = new double[window.encoder().features().size()];
        for (int f = 0; f < out.length; f++) {
            if (window.encoder().encodeValue(f, window.keys().valueOf(f, byKey), out) != io.netsec.core.data.CellProblem.NONE) {
                out[f] = Double.NaN;
            }
        }
        return out;
    }

    /** The window of {@code detector} when it is the one served (a new window for a newly served one); else null. */
    private synchronized Served windowOf(Detector detector) {
        ServedModel current = models.current().orElse(null);
        if (current == null || current.detector() != detector) {
            return null;
        }
        return current();
    }

    /** The window of the model served now, started anew when the model changed; null with no model. Under the lock. */
    private Served current() {
        ServedModel model = models.current().orElse(null);
        if (model == null) {
            served = null;
            return null;
        }
        if (served == null || served.detector() != model.detector()) {
            Detector detector = model.detector();
            long now = System.currentTimeMillis();
            TrafficWindow window = new TrafficWindow(detector.schema().features(), detector.bundle().manifest().vocabularies(),
                    config.windowRows(), config.buckets(), config.windowDuration().map(d -> d.toMillis()).orElse(0L), now);
            served = new Served(detector, detector.engine().keys(),
                    RowEncoder.frozen(detector.schema(), detector.bundle().manifest().vocabularies()), window,
                    detector.bundle().manifest().reference(), now);
            version++;
            gauges.features(served.reference() == null ? List.of()
                    : served.reference().columns().stream().map(c -> c.column()).toList());
        }
        return served;
    }

    /** The window now, compared with the served model's reference; null when no model is served. */
    public synchronized DriftStatus status() {
        Served window = current();
        if (window == null) {
            return null;
        }
        long now = System.currentTimeMillis();
        TrafficWindow w = window.window();
        if (w.advance(now)) {
            version++; // a time window forgot its oldest step
        }
        if (cached != null && cachedVersion == version) {
            return cached.withDroppedRequests(droppedRequests.get());
        }
        DriftReport report = null;
        if (window.reference() != null && w.rows() > 0) {
            var settings = window.detector().schema().drift();
            report = new DriftDetector().compare(window.reference().profile(), w.profile("served traffic"), settings);
        }
        cached = DriftStatus.of(window.detector(), window.reference(), report, w.rows(), w.threats(), w.windowRows(),
                config.windowDuration().orElse(null), w.dropped(), droppedRequests.get(), w.history(now),
                config.threatShareMax(), window.startedMillis());
        cachedVersion = version;
        return cached;
    }
}
