package io.netsec.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netsec.core.Sha256;
import io.netsec.core.bundle.BundleJson;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.data.Dataset;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.validate.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * One training run as a user starts it: read the data, train with the honest protocol, write
 * the bundle, and keep a run folder ({@code runs/<run-id>/}) with the manifest, the metrics,
 * every candidate's figures and the run's log.
 *
 * @param runId    the run's id (time and a short hash of the data)
 * @param runDir   the run folder
 * @param modelDir where the bundle was written
 * @param result   what training produced
 */
public record TrainingRun(String runId, Path runDir, Path modelDir, TrainingResult result) {

    /**
     * @param source   the data (read to the end here)
     * @param dataSha256 SHA-256 of the data's bytes, or null when the source has none
     * @param schema   the schema
     * @param modelDir where the bundle goes
     * @param runsDir  where run folders go
     * @param options  the protocol's settings
     * @param validation the validation report of the data, kept in the run folder (may be null)
     */
    public record Request(RecordSource source, String dataSha256, LoadedSchema schema, Path modelDir, Path runsDir,
                          TrainingOptions options, ValidationReport validation) {
    }

    public static TrainingRun execute(Request request, Consumer<String> progress) throws IOException {
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
        TrainingResult result = TrainingPipeline.train(data, request.schema(), request.options(), logged);
        ModelBundle written = result.bundle().writeTo(request.modelDir());
        logged.accept("model bundle written to " + request.modelDir());

        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + (data.sha256() == null ? "nodata" : data.sha256().substring(0, 8));
        Path runDir = request.runsDir().resolve(runId);
        Files.createDirectories(runDir);
        BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(runDir.resolve("manifest.json").toFile(),
                written.manifest());
        ObjectNode metrics = (ObjectNode) written.manifest().metrics().deepCopy();
        metrics.put("threshold", result.threshold());
        BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(runDir.resolve("metrics.json").toFile(), metrics);
        BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(runDir.resolve("candidates.json").toFile(),
                result.search().candidates());
        if (request.validation() != null) {
            Files.writeString(runDir.resolve("validation.json"), request.validation().toJson());
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(runDir.resolve("run.log"), StandardCharsets.UTF_8))) {
            synchronized (log) {
                log.forEach(out::println);
            }
        }
        return new TrainingRun(runId, runDir, request.modelDir(), new TrainingResult(written, result.search(),
                result.test(), result.testIntervals(), result.threshold(), result.trainRows(), result.testRows(),
                result.testRowsWithCopyInTrain(), result.testScores()));
    }

    /** SHA-256 of a data file, for provenance. */
    public static String sha256(Path file) throws IOException {
        return Sha256.of(file);
    }
}
