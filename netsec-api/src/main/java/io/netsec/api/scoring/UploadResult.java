package io.netsec.api.scoring;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One upload's scored file, kept for paging and download under its own id, so no upload ever
 * overwrites another's result.
 *
 * @param id       a random id (unguessable: it is the only key to the result)
 * @param fileName the uploaded file's name, for display and the download's name
 * @param scored   the scored CSV on disk
 * @param summary  rows and threats
 * @param columns  the scored file's header
 * @param threatLabel the label value that means a threat, to mark rows
 * @param created  when it was scored
 */
public record UploadResult(String id, String fileName, Path scored, ScoreSummary summary, java.util.List<String> columns,
                           String threatLabel, Instant created) {

    /** The download's file name: the upload's name with {@code -predictions.csv}. */
    public String downloadName() {
        String base = fileName.replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return (base.isEmpty() ? "upload" : base) + "-predictions.csv";
    }
}
