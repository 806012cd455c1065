package io.netsec.api.scoring;

import java.util.List;

/**
 * One page of an upload's scored rows.
 *
 * @param result the upload
 * @param page   1-based page number
 * @param pages  number of pages
 * @param first  1-based number of the first row shown
 * @param rows   the rows shown
 */
public record ResultPage(UploadResult result, int page, int pages, long first, List<Row> rows) {

    /**
     * One scored row: the prediction first (what a reader looks for), then the input cells.
     *
     * @param number      1-based row number
     * @param threat      whether the row is called a threat
     * @param prediction  the predicted label
     * @param probability the threat probability, rounded for display
     * @param family      the family, for a model that tells attack families apart; else null
     * @param cells       the input cells as uploaded
     */
    public record Row(long number, boolean threat, String prediction, String probability, String family, List<String> cells) {

        /** A scored row as the page shows it. */
        static Row of(ScoredRow row) {
            return new Row(row.number(), row.prediction().threat(), row.prediction().label(),
                    String.format(java.util.Locale.ROOT, "%.3f", row.prediction().probability()), row.family(), row.cells());
        }
    }

    /** Whether the model tells attack families apart: the table then has a family column. */
    public boolean hasFamilies() {
        return result.predictions().hasFamilies();
    }

    /** The uploaded columns. */
    public List<String> inputColumns() {
        return result.predictions().columns();
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }

    public long last() {
        return first + rows.size() - 1;
    }
}
