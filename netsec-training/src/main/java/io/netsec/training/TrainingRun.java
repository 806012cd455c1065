package io.netsec.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netsec.core.Sha256;
import io.netsec.core.bundle.BundleJson;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.bundle.ModelFolder;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.validate.ValidationReport;
import io.netsec.experiment.split.DataSplitter;
import io.netsec.experiment.tracking.RunFolderException;
import io.netsec.experiment.tracking.TrackedRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * One training run as a user starts it: read the data, train with the honest protocol, write
 * the bundle, and keep a run folder ({@code runs/<run-id>/}) with the manifest, the metrics,
 * every candidate's figures and the run's log.
 *
 * @param runId    the run's id (time, a short hash of the data and a random part)
 * @param runDir   the run folder
 * @param modelDir where the bundle was written
 * @param result   what training produced
 * @param started  when the run started, before the data was read
 * @param ended    when it ended: the bundle and the run folder's files written
 */
public record TrainingRun(String runId, Path runDir, Path modelDir, TrainingResult result, Instant started,
                          Instant ended) {

    /**
     * @param source   the data (read to the end here)
     * @param dataSha256 SHA-256 of the data's bytes, or null when the source has none
     * @param schema   the schema
     * @param modelDir where the bundle goes
     * @param runsDir  where run folders go
     * @param options  the protocol's settings
     * @param validation the validation report of the data, kept in the run folder (may be null)
     * @param onSplit  told the training and test rows (indices into the data, in file order) once the
     *                 data is read, before the training (e.g. to write them out for a baseline); may be null
     */
    public record Request(RecordSource source, String dataSha256, LoadedSchema schema, Path modelDir, Path runsDir,
                          TrainingOptions options, ValidationReport validation, SplitListener onSplit) {

        /** A request whose split nobody is told of. */
        public Request(RecordSource source, String dataSha256, LoadedSchema schema, Path modelDir, Path runsDir,
                       TrainingOptions options, ValidationReport validation) {
            this(source, dataSha256, schema, modelDir, runsDir, options, validation, null);
        }
    }

    /** Told a run's split of the data before the training starts. */
    @FunctionalInterface
    public interface SplitListener {
        void split(int rows, DataSplitter.Holdout split) throws IOException;
    }

    /**
     * Trains and writes the bundle and the run folder. The model folder (a bundle, an empty folder
     * or none: {@link ModelFolder}) and the runs folder are checked first, before the data is read.
     *
     * @throws io.netsec.core.bundle.ModelFolderRefusedException when the bundle would replace what is not a bundle
     * @throws RunFolderException when the run folder could not be written (the bundle is written and whole)
     */
    public static TrainingRun execute(Request request, Consumer<String> progress) throws IOException {
        Instant started = Instant.now();
        ModelFolder.requireReplaceable(request.modelDir());
        requireRunsFolder(request.runsDir(), request.modelDir());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Consumer<String> logged = line -> {
            log.add(line);
            progress.accept(line);
        };
        logged.accept("reading " + request.source().name());
        long readStart = System.nanoTime();
        Dataset data = DatasetReader.read(request.source(), request.schema().schema(), request.dataSha256(),
                rows -> logged.accept("read " + rows + " rows"));
        logged.accept(String.format("read %d rows (%d threats, %d benign) in %s", data.size(), data.threatCount(),
                data.size() - data.threatCount(), TrainingPipeline.seconds(readStart)));
        if (request.onSplit() != null) {
            request.onSplit().split(data.size(), TrainingPipeline.split(data, request.options()));
        }
        TrainingResult result = TrainingPipeline.train(data, request.schema(), request.options(), logged);
        ModelBundle written = result.bundle().writeTo(request.modelDir());
        logged.accept("model bundle written to " + request.modelDir());

        String runId = runId(LocalDateTime.now(), data.sha256());
        Path runDir = createRunFolder(request.runsDir(), runId);
        try {
            Files.write(runDir.resolve("manifest.json"), BundleJson.manifestJson(written.manifest()));
            ObjectNode metrics = (ObjectNode) BundleJson.tree(written.manifest().metrics());
            metrics.put("threshold", result.threshold());
            BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(runDir.resolve("metrics.json").toFile(), metrics);
            BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(runDir.resolve("candidates.json").toFile(),
                    result.search().candidates());
            if (request.validation() != null) {
                Files.writeString(runDir.resolve("validation.json"), request.validation().toJson());
            }
            List<String> lines;
            synchronized (log) {
                lines = List.copyOf(log);
            }
            Files.write(runDir.resolve("run.log"), lines, StandardCharsets.UTF_8); // not a PrintWriter: it hides write failures
        } catch (IOException e) {
            throw new RunFolderException(runDir, e);
        }
        return new TrainingRun(runId, runDir, request.modelDir(), result.withBundle(written), started, Instant.now());
    }

    /** A run's id ({@link TrackedRun#newRunId}). */
    static String runId(LocalDateTime started, String dataSha256) {
        return TrackedRun.newRunId(started, dataSha256);
    }

    /** Creates the run folder ({@link TrackedRun#createRunFolder}). */
    static Path createRunFolder(Path runsDir, String runId) throws IOException {
        return TrackedRun.createRunFolder(runsDir, runId);
    }

    /**
     * Refuses, before training rather than after, a runs folder that is a file (or a device), and
     * one inside the model folder, which the bundle's write replaces whole.
     */
    private static void requireRunsFolder(Path runsDir, Path modelDir) throws FileSystemException {
        if (Files.exists(runsDir) && !Files.isDirectory(runsDir)) {
            throw new FileSystemException(runsDir.toString(), null, "is not a folder; run folders are made inside it,"
                    + " so choose a folder or a name that does not exist yet");
        }
        if (runsDir.toAbsolutePath().normalize().startsWith(modelDir.toAbsolutePath().normalize())) {
            throw new FileSystemException(runsDir.toString(), null, "is inside the model folder " + modelDir
                    + ", which writing the bundle replaces whole; choose a runs folder elsewhere");
        }
    }

    /** SHA-256 of a data file, for provenance. */
    public static String sha256(Path file) throws IOException {
        return Sha256.of(file);
    }
}
