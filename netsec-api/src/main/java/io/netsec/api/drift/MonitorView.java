package io.netsec.api.drift;

import io.netsec.core.validate.ColumnDrift;
import java.util.List;
import java.util.Locale;

/**
 * What the monitoring page shows: the status, its threat share over time as SVG polyline points
 * (a 300 by 100 box, y pointing up; numbers only, nothing to escape), and the features' verdicts,
 * drifted ones first.
 *
 * @param status          the window and its comparison
 * @param sharePoints     the threat share of each step, oldest on the left
 * @param limitY          the y of {@code threat_share_max}'s line, or -1 without a limit
 * @param referenceY      the y of the training data's threat share, or -1 without a reference
 * @param drifted         the drifted features
 * @param features        every feature's verdict, drifted first
 */
public record MonitorView(DriftStatus status, String sharePoints, double limitY, double referenceY, List<String> drifted,
                          List<Row> features) {

    /**
     * One feature's verdict, formatted.
     *
     * @param name      the feature
     * @param method    the test or distance
     * @param statistic its statistic or distance
     * @param pValue    its p-value, or empty for a distance
     * @param threshold the threshold
     * @param drift     whether it drifts
     */
    public record Row(String name, String method, String statistic, String pValue, String threshold, boolean drift) {
    }

    static MonitorView of(DriftStatus status) {
        List<DriftStatus.SharePoint> history = status.history();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < history.size(); i++) {
            double x = history.size() == 1 ? 150 : 300.0 * i / (history.size() - 1);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(history.get(i).threatShare())));
        }
        List<Row> rows = status.features().stream()
                .sorted((a, b) -> Boolean.compare(b.drift(), a.drift()))
                .map(c -> new Row(c.column(), c.method(), format(c.statistic()), c.pValue() == null ? "" : format(c.pValue()),
                        format(c.threshold()), c.drift()))
                .toList();
        return new MonitorView(status, points.toString().trim(),
                status.threatShareMax() == null ? -1 : y(status.threatShareMax()),
                status.referenceThreatShare() == null ? -1 : y(status.referenceThreatShare()),
                status.features().stream().filter(ColumnDrift::drift).map(ColumnDrift::column).toList(), rows);
    }

    public boolean hasLimit() {
        return limitY >= 0;
    }

    public boolean hasReferenceShare() {
        return referenceY >= 0;
    }

    public String threatPercent() {
        return String.format(Locale.ROOT, "%.1f%%", 100 * status.threatShare());
    }

    public String driftPercent() {
        return String.format(Locale.ROOT, "%.0f%%", 100 * status.driftShare());
    }

    public String datasetDriftPercent() {
        return String.format(Locale.ROOT, "%.0f%%", 100 * status.datasetDriftShare());
    }

    private static double y(double share) {
        return 100 - 100 * Math.max(0, Math.min(1, share));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
