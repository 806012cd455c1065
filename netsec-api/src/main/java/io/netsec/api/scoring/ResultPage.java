package io.netsec.api.scoring;

import java.util.List;

/**
 * One page of an upload's scored rows.
 *
 * @param result the upload
 * @param page   1-based page number
 * @param pages  number of pages
 * @param first  1-based number of the first row shown
 * @param rows   the rows' cells (input columns, then prediction and probability)
 * @param threat whether each row is a threat
 */
public record ResultPage(UploadResult result, int page, int pages, long first, List<List<String>> rows, List<Boolean> threat) {

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
