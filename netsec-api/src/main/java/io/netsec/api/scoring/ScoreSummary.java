package io.netsec.api.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What scoring one file found.
 *
 * @param rows     rows scored
 * @param threats  rows called a threat
 * @param families for a model that tells attack families apart, the rows given each family (the
 *                 benign class first); empty for a model that scores threat or benign only
 * @param threatName what the schema calls the threat class ({@code label.threat_name}, e.g. phishing)
 */
public record ScoreSummary(long rows, long threats, List<FamilyCount> families, String threatName) {

    /**
     * The rows given one family.
     *
     * @param name the family (or the benign class's name)
     * @param rows how many rows were given it
     */
    public record FamilyCount(String name, long rows) {
    }

    public ScoreSummary {
        families = List.copyOf(families);
    }

    /** The summary with the rows per family as the CSV driver counts them (name to rows, in class order). */
    public ScoreSummary(long rows, long threats, Map<String, Long> families, String threatName) {
        this(rows, threats, counts(families), threatName);
    }

    private static List<FamilyCount> counts(Map<String, Long> families) {
        List<FamilyCount> counts = new ArrayList<>();
        families.forEach((name, rows) -> counts.add(new FamilyCount(name, rows)));
        return counts;
    }

    /** Whether the model tells attack families apart (the page then shows the rows per family). */
    public boolean hasFamilies() {
        return !families.isEmpty();
    }

    /** The share of rows called a threat, in [0, 1]. */
    public double threatShare() {
        return rows == 0 ? 0 : (double) threats / rows;
    }

    /** The share as a percentage with one decimal, for pages. */
    public String threatPercent() {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * threatShare());
    }
}
