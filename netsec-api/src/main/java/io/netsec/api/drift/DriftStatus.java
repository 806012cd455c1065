package io.netsec.api.drift;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.netsec.core.Detector;
import io.netsec.core.bundle.TrainingReference;
import io.netsec.core.validate.ColumnDrift;
import io.netsec.core.validate.DriftReport;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The served traffic against the training data: what {@code /api/v1/drift} answers, the
 * monitoring page shows and the drift health group decides on.
 *
 * @param modelFamily          the served model's family
 * @param modelCreatedAt       when its bundle was made
 * @param threatName           what the schema calls the threat class
 * @param windowStartedAt      when this window started (at the model's first use after it was served)
 * @param windowRows           rows in the window
 * @param windowLimitRows      the most rows the window holds ({@code netsec.drift.window-rows})
 * @param windowDuration       the window's span ({@code netsec.drift.window-duration}, ISO-8601), or null for a row window
 * @param droppedRows          rows a time window left out for being over its row limit
 * @param droppedRequests      requests the summary left out because its queue was full (a sample is then kept)
 * @param threatShare          the share of the window's rows called a threat
 * @param threatShareMax       the threat share above which the health group is DOWN, or null for no limit
 * @param referenceThreatShare the share of threats in the training data, or null without a reference
 * @param hasReference         whether the bundle holds its training data's distributions (trained before: not)
 * @param regime               the drift detector's mode for the reference's size ({@code statistical_tests} or
 *                             {@code distances}), or null without a comparison
 * @param driftedFeatures      features that drift
 * @param driftShare           drifted features / features compared (0 without a comparison)
 * @param datasetDriftShare    the schema's {@code dataset_drift_share}: from this share the traffic drifts
 * @param datasetDrift         whether the traffic as a whole drifts
 * @param threatShareExceeded  whether the threat share passes {@code threatShareMax}
 * @param status               {@code DOWN} when the traffic drifts or the threat share is exceeded, else {@code UP}
 * @param features             each feature's verdict, as {@code netsec validate --reference} gives it
 * @param history              the threat share of each step of the window (and a little before), oldest first
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DriftStatus(
        String modelFamily,
        String modelCreatedAt,
        String threatName,
        String windowStartedAt,
        long windowRows,
        long windowLimitRows,
        String windowDuration,
        long droppedRows,
        long droppedRequests,
        double threatShare,
        Double threatShareMax,
        Double referenceThreatShare,
        boolean hasReference,
        String regime,
        int driftedFeatures,
        double driftShare,
        double datasetDriftShare,
        boolean datasetDrift,
        boolean threatShareExceeded,
        String status,
        List<ColumnDrift> features,
        List<SharePoint> history) {

    /**
     * The threat share of one step of the window.
     *
     * @param end         when the step ended (or now, for the open one)
     * @param rows        rows scored in it
     * @param threatShare the share of them called a threat
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SharePoint(String end, long rows, double threatShare) {
    }

    public DriftStatus {
        features = List.copyOf(features);
        history = List.copyOf(history);
    }

    static DriftStatus of(Detector detector, TrainingReference reference, DriftReport report, long rows, long threats,
                          long limitRows, Duration duration, long droppedRows, long droppedRequests,
                          List<TrafficWindow.Point> points, OptionalDouble threatShareMax, long startedMillis) {
        double share = TrafficWindow.share(threats, rows);
        boolean exceeded = threatShareMax.isPresent() && rows > 0 && share > threatShareMax.getAsDouble();
        boolean drift = report != null && report.datasetDrift();
        List<SharePoint> history = new ArrayList<>();
        for (TrafficWindow.Point point : points) {
            history.add(new SharePoint(Instant.ofEpochMilli(point.endMillis()).toString(), point.rows(), point.threatShare()));
        }
        var manifest = detector.bundle().manifest();
        return new DriftStatus(manifest.model().family(), manifest.createdAt(), detector.schema().label().threatName(),
                Instant.ofEpochMilli(startedMillis).toString(), rows, limitRows, duration == null ? null : duration.toString(),
                droppedRows, droppedRequests, share, threatShareMax.isPresent() ? threatShareMax.getAsDouble() : null,
                reference == null ? null : reference.threatShare(), reference != null,
                report == null ? null : report.regime(), report == null ? 0 : report.driftedColumns(),
                report == null ? 0 : report.driftShare(), detector.schema().drift().datasetDriftShare(), drift, exceeded,
                drift || exceeded ? "DOWN" : "UP", report == null ? List.of() : report.columns(), history);
    }

    /** This status with the queue's drops as they are now (they change without the window changing). */
    DriftStatus withDroppedRequests(long dropped) {
        return new DriftStatus(modelFamily, modelCreatedAt, threatName, windowStartedAt, windowRows, windowLimitRows,
                windowDuration, droppedRows, dropped, threatShare, threatShareMax, referenceThreatShare, hasReference, regime,
                driftedFeatures, driftShare, datasetDriftShare, datasetDrift, threatShareExceeded, status, features, history);
    }

    /** The verdict of {@code feature}, or null. */
    public ColumnDrift feature(String feature) {
        return features.stream().filter(c -> c.column().equals(feature)).findFirst().orElse(null);
    }
}
