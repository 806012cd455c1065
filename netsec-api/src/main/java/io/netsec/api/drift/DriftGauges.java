package io.netsec.api.drift;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netsec.core.validate.ColumnDrift;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The drift monitor's figures as Prometheus gauges on {@code /q/metrics}, each read from the
 * monitor's status when scraped (NaN while no model is served or nothing is compared):
 * {@code netsec_drift_window_rows}, {@code netsec_drift_threat_share},
 * {@code netsec_drift_threat_share_max}, {@code netsec_drift_drifted_feature_share},
 * {@code netsec_drift_dataset_drift_share}, {@code netsec_drift_dropped_requests}, and per
 * feature (tag {@code feature}) {@code netsec_drift_feature_statistic},
 * {@code netsec_drift_feature_p_value} and {@code netsec_drift_feature_threshold}.
 */
final class DriftGauges {

    private final MeterRegistry meters;
    private final DriftMonitor monitor;
    private final List<Meter> perFeature = new ArrayList<>();

    DriftGauges(MeterRegistry meters, DriftMonitor monitor) {
        this.meters = meters;
        this.monitor = monitor;
        gauge("netsec.drift.window.rows", "rows in the drift window", s -> s.windowRows());
        gauge("netsec.drift.threat.share", "share of the window's rows called a threat", s -> s.threatShare());
        gauge("netsec.drift.threat.share.max", "netsec.drift.threat-share-max (NaN: no limit)",
                s -> s.threatShareMax() == null ? Double.NaN : s.threatShareMax());
        gauge("netsec.drift.drifted.feature.share", "share of features whose distribution drifts from the training data",
                s -> s.hasReference() ? s.driftShare() : Double.NaN);
        gauge("netsec.drift.dataset.drift.share", "the schema's dataset_drift_share: the drifted share from which the traffic drifts",
                s -> s.datasetDriftShare());
        gauge("netsec.drift.dropped.requests", "requests left out of the summary (its queue was full)",
                s -> s.droppedRequests());
    }

    private void gauge(String name, String description, ToDoubleFunction<DriftStatus> value) {
        Gauge.builder(name, monitor, m -> read(m, value)).description(description).strongReference(true).register(meters);
    }

    private static double read(DriftMonitor monitor, ToDoubleFunction<DriftStatus> value) {
        DriftStatus status = monitor.status();
        return status == null ? Double.NaN : value.applyAsDouble(status);
    }

    /** The per-feature gauges of a newly served model's features (the previous model's are removed). */
    synchronized void features(List<String> features) {
        perFeature.forEach(meters::remove);
        perFeature.clear();
        for (String feature : features) {
            perFeature.add(featureGauge("netsec.drift.feature.statistic", feature,
                    "the feature's test statistic or distance (the drift detector's mode for the reference's size)",
                    ColumnDrift::statistic));
            perFeature.add(featureGauge("netsec.drift.feature.p.value", feature, "the test's p-value (NaN for a distance)",
                    c -> c.pValue() == null ? Double.NaN : c.pValue()));
            perFeature.add(featureGauge("netsec.drift.feature.threshold", feature,
                    "the p-value below which, or the distance from which, the feature drifts", ColumnDrift::threshold));
        }
    }

    private Meter featureGauge(String name, String feature, String description, ToDoubleFunction<ColumnDrift> value) {
        return Gauge.builder(name, monitor, m -> {
            DriftStatus status = m.status();
            ColumnDrift drift = status == null ? null : status.feature(feature);
            return drift == null ? Double.NaN : value.applyAsDouble(drift);
        }).tag("feature", feature).description(description).strongReference(true).register(meters);
    }
}
