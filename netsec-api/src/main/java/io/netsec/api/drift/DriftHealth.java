package io.netsec.api.drift;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * {@code /q/health/group/drift}: DOWN when the served traffic drifts from the training data (the
 * drifted features' share reaches the schema's {@code dataset_drift_share}) or its threat share
 * passes {@code netsec.drift.threat-share-max}, so that an operator's alerting sees it. A group
 * of its own: liveness and readiness do not look at it (the model keeps serving).
 */
@HealthGroup("drift")
@ApplicationScoped
public class DriftHealth implements HealthCheck {

    private final DriftMonitor monitor;

    public DriftHealth(DriftMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("drift");
        DriftStatus status = monitor.status();
        if (status == null) {
            return builder.up().withData("reason", "no model is served").build();
        }
        builder.status("UP".equals(status.status()))
                .withData("window_rows", status.windowRows())
                .withData("threat_share", share(status.threatShare()))
                .withData("has_reference", status.hasReference());
        if (status.threatShareMax() != null) {
            builder.withData("threat_share_max", share(status.threatShareMax()));
        }
        if (status.hasReference()) {
            builder.withData("drift_share", share(status.driftShare()))
                    .withData("dataset_drift_share", share(status.datasetDriftShare()))
                    .withData("drifted_features", String.join(",", status.features().stream()
                            .filter(c -> c.drift()).map(c -> c.column()).toList()));
        }
        return builder.build();
    }

    /** MicroProfile Health's data holds texts, whole numbers and booleans only. */
    private static String share(double value) {
        return String.format(java.util.Locale.ROOT, "%.4f", value);
    }
}
