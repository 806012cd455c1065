package io.netsec.api.scoring;

import java.time.Instant;

/**
 * One upload's result, kept for paging and download under its own id, so no upload ever
 * overwrites another's result.
 *
 * @param id          a random id (unguessable: it is the only key to the result)
 * @param fileName    the uploaded file's name, for display and the download's name
 * @param predictions the scored rows, on disk
 * @param summary     rows and threats
 * @param created     when it was scored
 */
public record UploadResult(String id, String fileName, KeptPredictions predictions, ScoreSummary summary, Instant created) {

    /** The download's file name: the upload's name with {@code -predictions.csv}. */
    public String downloadName() {
        String base = fileName.replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return (base.isEmpty() ? "upload" : base) + "-predictions.csv";
    }
}
