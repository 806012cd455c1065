package io.netsec.api.scoring;

/**
 * What scoring one file found.
 *
 * @param rows    rows scored
 * @param threats rows called a threat
 */
public record ScoreSummary(long rows, long threats) {

    /** The share of rows called a threat, in [0, 1]. */
    public double threatShare() {
        return rows == 0 ? 0 : (double) threats / rows;
    }

    /** The share as a percentage with one decimal, for pages. */
    public String threatPercent() {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * threatShare());
    }
}
