package io.netsec.experiment.tracking;

import io.netsec.core.bundle.BundleJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The MLflow record kept in a run folder: {@code mlflow-record.json} (the {@link RunRecord}),
 * {@code mlflow-status.json} (the {@link TrackingStatus}), the pictures under {@code plots/} and
 * a copy of the bundle under {@code model/}, beside the files the trainer wrote. Every file but
 * the two {@code mlflow-*.json} is a run artifact, so the folder alone is enough to replay the
 * run to a server later.
 *
 * @param runDir the run folder
 */
public record RunFolderRecord(Path runDir) {

    public static final String RECORD = "mlflow-record.json";
    public static final String STATUS = "mlflow-status.json";
    public static final String PLOTS = "plots";

    /** Which files of the run folder are artifacts. */
    public static final Predicate<String> ARTIFACTS = path -> !path.equals(RECORD) && !path.equals(STATUS)
            && !path.startsWith(".");

    /** Writes the pictures, the bundle copy and the record of {@code run}; the status starts {@code local}. */
    public static RunFolderRecord write(TrackedRun run) throws RunFolderException {
        RunFolderRecord folder = new RunFolderRecord(run.runDir());
        try {
            if (!run.pictures().isEmpty()) {
                Path plots = Files.createDirectories(run.runDir().resolve(PLOTS));
                for (TrackedRun.Picture picture : run.pictures()) {
                    Files.write(plots.resolve(picture.fileName()), picture.png());
                }
            }
            copyBundle(run.modelDir(), run.runDir().resolve(RunRecord.MODEL_ARTIFACT));
            BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(run.runDir().resolve(RECORD).toFile(),
                    run.record());
        } catch (IOException e) {
            throw new RunFolderException(run.runDir(), e);
        }
        folder.writeStatus(TrackingStatus.local());
        return folder;
    }

    /** The run folders under {@code runsDir} that hold a record, oldest first (run ids sort by time). */
    public static List<RunFolderRecord> under(Path runsDir) throws IOException {
        List<RunFolderRecord> records = new ArrayList<>();
        if (!Files.isDirectory(runsDir)) {
            return records;
        }
        try (Stream<Path> folders = Files.list(runsDir)) {
            folders.filter(folder -> Files.isRegularFile(folder.resolve(RECORD))).sorted()
                    .forEach(folder -> records.add(new RunFolderRecord(folder)));
        }
        return records;
    }

    /** The record kept in this run folder. */
    public RunRecord record() throws IOException {
        return BundleJson.MAPPER.readValue(runDir.resolve(RECORD).toFile(), RunRecord.class);
    }

    /** Where the record stands; {@code local} when no status was written. */
    public TrackingStatus status() throws IOException {
        Path file = runDir.resolve(STATUS);
        return Files.exists(file) ? BundleJson.MAPPER.readValue(file.toFile(), TrackingStatus.class) : TrackingStatus.local();
    }

    /** Replaces the status file (written beside, then moved, so a crash never leaves half a file). */
    public void writeStatus(TrackingStatus status) throws RunFolderException {
        Path temporary = runDir.resolve("." + STATUS + ".tmp");
        try {
            BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), status);
            Files.move(temporary, runDir.resolve(STATUS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the failure that matters is reported below
            }
            throw new RunFolderException(runDir, e);
        }
    }

    /** Copies the bundle's files, those of its {@code code/} folder too (the MLflow Model's loader). */
    private static void copyBundle(Path bundle, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.walk(bundle, 2)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(bundle.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
