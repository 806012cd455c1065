package io.netsec.experiment.tracking;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished run as tracking takes it, whatever trained the model: its run folder, where its
 * bundle was written, what MLflow gets, and its pictures (drawn by the trainer, which owns the
 * charting library; tracking only stores them).
 *
 * @param runDir   the run folder (exists; the trainer's own files are already in it)
 * @param modelDir the bundle the run wrote, copied into the record as the {@value RunRecord#MODEL_ARTIFACT} artifact
 * @param record   params, tags, metrics, candidates and evaluation, named the MLflow way
 * @param pictures PNG pictures for the {@value RunFolderRecord#PLOTS} folder, possibly none
 */
public record TrackedRun(Path runDir, Path modelDir, RunRecord record, List<Picture> pictures) {

    public TrackedRun {
        pictures = List.copyOf(pictures);
    }

    /**
     * A run's id: when it started (to the second, so folders sort by time), a short hash of its
     * data, and a random part, so two runs started in the same second on the same data (two
     * commands, or the API and a command) never share a folder.
     */
    public static String newRunId(java.time.LocalDateTime started, String dataSha256) {
        return started.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + (dataSha256 == null ? "nodata" : dataSha256.substring(0, 8)) + "-"
                + java.util.HexFormat.of().toHexDigits(java.util.concurrent.ThreadLocalRandom.current().nextInt());
    }

    /** Creates the run folder {@code runId} under {@code runsDir}; fails rather than reuse one that exists. */
    public static Path createRunFolder(Path runsDir, String runId) throws java.io.IOException {
        java.nio.file.Files.createDirectories(runsDir);
        return java.nio.file.Files.createDirectory(runsDir.resolve(runId));
    }

    /**
     * One picture of a run.
     *
     * @param fileName its file name under {@value RunFolderRecord#PLOTS}, e.g. {@code roc_curve.png} (no folders)
     * @param png      the PNG bytes
     */
    public record Picture(String fileName, byte[] png) {

        public Picture {
            if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
                throw new IllegalArgumentException("a picture's file name is a plain name, not '" + fileName + "'");
            }
            png = png.clone();
        }

        @Override
        public byte[] png() {
            return png.clone();
        }
    }
}
