package io.netsec.api.drift;

import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.validate.ColumnDistribution;
import io.netsec.core.validate.DataProfile;
import io.netsec.core.validate.EncodedProfile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows one model scored lately, as counts: per feature, how often each encoded value came,
 * and how many rows were called a threat. A ring of buckets: the window moves by one bucket when
 * the newest is full (a row window) or its time span is over (a time window), the oldest then
 * forgotten. Memory is bounded by the window's rows (each row adds at most one distinct value per
 * feature), whatever the traffic: a time window takes at most its row limit, counting the rest
 * as dropped. Not thread-safe: {@link DriftMonitor} owns it.
 */
final class TrafficWindow {

    /** Closed buckets remembered for the page's chart, beyond the window. */
    static final int HISTORY = 120;

    private final List<ColumnSpec> features;
    private final List<List<String>> vocabularies;
    private final int windowRows;
    private final int bucketCount;
    private final long bucketRows;
    private final long bucketMillis; // 0: a row window
    private final ArrayDeque<Bucket> buckets = new ArrayDeque<>();
    private final ArrayDeque<Point> history = new ArrayDeque<>();
    private long dropped;

    /**
     * One point of the threat share over time: a closed bucket.
     *
     * @param endMillis   when the bucket closed (epoch milliseconds)
     * @param rows        rows scored in it
     * @param threatShare the share of them called a threat
     */
    record Point(long endMillis, long rows, double threatShare) {
    }

    private final class Bucket {
        final long startMillis;
        long rows;
        long threats;
        final List<Map<Double, long[]>> counts = new ArrayList<>();

        Bucket(long startMillis) {
            this.startMillis = startMillis;
            for (int f = 0; f < features.size(); f++) {
                counts.add(new HashMap<>());
            }
        }
    }

    /**
     * @param windowRows  rows the window holds (a time window: at most)
     * @param buckets     how many steps the window moves by
     * @param spanMillis  the window's time span, or 0 for a row window
     */
    TrafficWindow(List<ColumnSpec> features, List<List<String>> vocabularies, int windowRows, int buckets,
                  long spanMillis, long nowMillis) {
        this.features = List.copyOf(features);
        this.vocabularies = vocabularies;
        this.windowRows = windowRows;
        this.bucketCount = buckets;
        this.bucketRows = Math.max(1, (windowRows + buckets - 1) / buckets);
        this.bucketMillis = spanMillis == 0 ? 0 : Math.max(1, spanMillis / buckets);
        this.buckets.add(new Bucket(nowMillis));
    }

    /**
     * Counts one scored row.
     *
     * @param encoded the row's encoded feature values (in feature order), or null when only its verdict is known
     */
    void add(double[] encoded, boolean threat, long nowMillis) {
        Bucket bucket = current(nowMillis);
        if (bucket == null) {
            dropped++;
            return;
        }
        bucket.rows++;
        bucket.threats += threat ? 1 : 0;
        if (encoded != null) {
            for (int f = 0; f < encoded.length && f < features.size(); f++) {
                EncodedProfile.count(bucket.counts.get(f), encoded[f]);
            }
        }
    }

    /** The bucket a row goes to now, after moving the window; null when a time window's bucket is at its row limit. */
    private Bucket current(long nowMillis) {
        advance(nowMillis);
        Bucket newest = buckets.peekLast();
        boolean over = bucketMillis == 0 ? newest.rows >= bucketRows : nowMillis - newest.startMillis >= bucketMillis;
        if (over) {
            if (bucketMillis == 0 || newest.rows > 0) {
                history.add(new Point(nowMillis, newest.rows, share(newest.threats, newest.rows)));
                if (history.size() > HISTORY) {
                    history.removeFirst();
                }
            }
            long start = bucketMillis == 0 ? nowMillis : newest.startMillis + (nowMillis - newest.startMillis) / bucketMillis * bucketMillis;
            buckets.add(new Bucket(start));
            if (buckets.size() > bucketCount) {
                buckets.removeFirst();
            }
            newest = buckets.peekLast();
        }
        return bucketMillis > 0 && newest.rows >= bucketRows ? null : newest;
    }

    /** A time window forgets the buckets older than its span; whether it forgot any. */
    boolean advance(long nowMillis) {
        if (bucketMillis == 0) {
            return false;
        }
        boolean forgot = false;
        while (buckets.size() > 1 && nowMillis - buckets.peekFirst().startMillis >= bucketMillis * bucketCount) {
            buckets.removeFirst();
            forgot = true;
        }
        Bucket only = buckets.peekFirst();
        if (buckets.size() == 1 && only.rows > 0 && nowMillis - only.startMillis >= bucketMillis * bucketCount) {
            buckets.removeFirst(); // nothing came for a whole span
            buckets.add(new Bucket(nowMillis));
            forgot = true;
        }
        return forgot;
    }

    /** Rows in the window. */
    long rows() {
        return buckets.stream().mapToLong(b -> b.rows).sum();
    }

    long threats() {
        return buckets.stream().mapToLong(b -> b.threats).sum();
    }

    /** Rows not counted since the window started: a time window's over its row limit. */
    long dropped() {
        return dropped;
    }

    int windowRows() {
        return windowRows;
    }

    /** The threat share of each closed bucket, oldest first, then the open one. */
    List<Point> history(long nowMillis) {
        List<Point> points = new ArrayList<>(history);
        Bucket newest = buckets.peekLast();
        if (newest.rows > 0) {
            points.add(new Point(nowMillis, newest.rows, share(newest.threats, newest.rows)));
        }
        return points;
    }

    /** The window's feature distributions, as {@link io.netsec.core.validate.DriftDetector} compares them. */
    DataProfile profile(String source) {
        List<ColumnDistribution> columns = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            Map<Double, long[]> merged = new HashMap<>();
            for (Bucket bucket : buckets) {
                int feature = f;
                bucket.counts.get(feature).forEach((value, n) -> merged.computeIfAbsent(value, k -> new long[1])[0] += n[0]);
            }
            columns.add(EncodedProfile.column(features.get(f), vocabularies.get(f), merged));
        }
        return new DataProfile(source, rows(), columns);
    }

    static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
