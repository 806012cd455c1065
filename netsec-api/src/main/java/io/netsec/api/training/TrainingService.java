package io.netsec.api.training;

import io.netsec.api.config.ConnectionStrings;
import io.netsec.api.config.NetsecConfig;
import io.netsec.api.model.ModelRegistry;
import io.netsec.api.problem.ApiProblem;
import io.netsec.core.Detector;
import io.netsec.core.bundle.BundleJson;
import io.netsec.core.bundle.ModelBundle;
import io.netsec.core.bundle.ModelFolder;
import io.netsec.ingestion.DataInput;
import io.netsec.ingestion.mongo.MongoConnection;
import io.netsec.onnx.MlflowModelFiles;
import org.bson.Document;
import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.experiment.tracking.TrackingSettings;
import io.netsec.training.SearchSpaces;
import io.netsec.training.TrainingOptions;
import io.netsec.training.TrainingRun;
import io.netsec.training.search.SearchBudget;
import io.netsec.training.tracking.TrainingRunTracking;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs training jobs one at a time in the background. A job trains into a staging folder, the
 * new bundle is loaded and verified from there, copied over the served folder (atomically) and
 * only then served; a failed job leaves the served model untouched.
 */
@ApplicationScoped
public class TrainingService {

    private static final Logger LOG = Logger.getLogger(TrainingService.class);
    private static final int PROGRESS_LINES = 50;

    private final NetsecConfig config;
    private final ModelRegistry models;
    private final String version;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicReference<String> active = new AtomicReference<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "netsec-training");
        thread.setDaemon(true);
        return thread;
    });

    public TrainingService(NetsecConfig config, ModelRegistry models,
                           @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.config = config;
        this.models = models;
        this.version = version;
    }

    /**
     * Checks the caller's key: training is disabled (404) with no key configured, and refused
     * (401) with a missing or wrong key. The comparison takes the same time whatever the key.
     */
    public void authorize(String presentedKey) {
        Optional<String> key = config.apiKey().filter(k -> !k.isBlank());
        if (key.isEmpty()) {
            throw ApiProblem.notFound("training is disabled on this server (no API key is configured)");
        }
        byte[] expected = key.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] presented = presentedKey == null ? new byte[0] : presentedKey.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, presented)) {
            throw ApiProblem.of(401, "unauthorized", "Unauthorized", "a valid X-API-Key header is required");
        }
    }

    /** Queues a job; one runs at a time, so a second request while one is active is a 409. */
    public JobStatus start(TrainRequest request) {
        DataInput data = trainingInput();
        try {
            // checked at start too (ConfigCheck); the folder may have gained files since, and a
            // job refused now costs no training
            ModelFolder.requireReplaceable(config.modelDir());
        } catch (IOException e) {
            throw ApiProblem.of(409, "model-folder-refused", "Model folder refused", e.getMessage());
        }
        TrainingOptions options = optionsOf(request == null ? new TrainRequest(null, null, null, null) : request);
        Job job = new Job(UUID.randomUUID().toString(), Instant.now());
        if (!active.compareAndSet(null, job.id)) {
            throw ApiProblem.of(409, "job-active", "A training job is active",
                    "job " + active.get() + " is still running; wait for it to finish");
        }
        jobs.put(job.id, job);
        worker.submit(() -> run(job, data, options));
        return job.status();
    }

    /** A job's status, or a 404 problem. */
    public JobStatus status(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw ApiProblem.notFound("no training job with id '" + id + "'");
        }
        return job.status();
    }

    private static TrainingOptions optionsOf(TrainRequest request) {
        // the bundle is an MLflow Model too (MLmodel, model.onnx, ...), when its model exports to ONNX
        TrainingOptions options = TrainingOptions.defaults().withFinish(MlflowModelFiles::attach);
        if (request.models() != null) {
            // as the CLI's --models: a search space the user named is searched whole, however large the data
            options = options.withCandidates(SearchSpaces.standard(request.models()))
                    .withSearchBudget(SearchBudget.AUTO.keepingEveryCandidate());
        }
        if (request.folds() != null) {
            options = options.withFolds(request.folds());
        }
        if (request.bootstrap() != null) {
            options = options.withBootstrapResamples(request.bootstrap());
        }
        if (request.seed() != null) {
            options = options.withSeed(request.seed());
        }
        return options;
    }

    /** The configured collection, else the configured file; a 409 problem when neither is set. */
    private DataInput trainingInput() {
        NetsecConfig.Mongodb mongodb = config.training().mongodb();
        if (mongodb.collection().isPresent()) {
            try {
                MongoConnection connection = MongoConnection.of(mongodb.uri().orElse(null), mongodb.database().orElse(null),
                        mongodb.collection().get(), java.time.Duration.ofSeconds(mongodb.timeoutSeconds()));
                return new DataInput.CollectionInput(connection, Document.parse(mongodb.query().orElse("{}")));
            } catch (IllegalArgumentException | org.bson.json.JsonParseException e) {
                throw ApiProblem.of(409, "training-source-misconfigured", "Training source misconfigured",
                        ConnectionStrings.mask(config, "netsec.training.mongodb: " + e.getMessage()));
            }
        }
        return config.training().data().<DataInput>map(DataInput.FileInput::new).orElseThrow(() -> ApiProblem.of(409,
                "no-training-data", "No training data",
                "no training source is configured (set netsec.training.data or netsec.training.mongodb.collection)"));
    }

    private void run(Job job, DataInput data, TrainingOptions options) {
        job.state = JobState.RUNNING;
        Path served = config.modelDir().toAbsolutePath().normalize();
        Path staging = served.resolveSibling("." + served.getFileName() + ".job-" + job.id.substring(0, 8));
        try {
            LoadedSchema schema = config.training().schema().map(SchemaLoader::load)
                    .orElseGet(() -> models.require().detector().bundle().schema());
            TrainingRun run;
            try (RecordSource source = data.open(schema.schema())) {
                run = TrainingRun.execute(new TrainingRun.Request(source, data.sha256(), schema, staging,
                        config.training().runsDir(), options, null), job::progress);
            }
            // Verify what is on disk, not what is in memory: the served model must be the file's.
            Detector verified = Detector.load(staging);
            ModelBundle written = verified.bundle().writeTo(served);
            Detector fromServedFolder = Detector.load(served);
            models.replace(fromServedFolder, served);
            job.progress("new model verified and served");
            recordForMlflow(job, run);
            job.result = new JobStatus.JobResult(run.runId(), written.manifest().model().family(), true,
                    BundleJson.tree(written.manifest().metrics()));
            job.state = JobState.SUCCEEDED;
        } catch (ApiProblem e) {
            fail(job, ConnectionStrings.mask(config, e.problem().detail()), null);
        } catch (RuntimeException | IOException | Error e) {
            fail(job, ConnectionStrings.mask(config, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } finally {
            job.finishedAt = Instant.now();
            deleteQuietly(staging);
            active.compareAndSet(job.id, null);
        }
    }

    /**
     * Leaves the run's MLflow record in its run folder, as {@code netsec train} does without a
     * server: its span, who trained, the bundle copy; {@code netsec runs sync} sends it later. A
     * record the disk does not take is a warning in the job's progress: the model is served by then.
     */
    private void recordForMlflow(Job job, TrainingRun run) {
        TrackingSettings settings = new TrackingSettings(null, null, version, null, config.mlflow().user().orElse(null));
        try {
            TrainingRunTracking.record(run, settings, Optional.empty(), job::progress);
        } catch (IOException | RuntimeException e) {
            String reason = ConnectionStrings.mask(config, e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.warnf("Training job %s: the MLflow record was not written: %s", job.id, reason);
            job.progress("warning: the model is served, but its MLflow record was not written: " + reason);
        }
    }

    private void fail(Job job, String reason, Throwable cause) {
        if (cause == null) {
            LOG.warnf("Training job %s failed: %s", job.id, reason);
        } else {
            // The trace as text, masked: a cause's message may quote a connection string (the driver's).
            LOG.warnf("Training job %s failed: %s%n%s", job.id, reason, ConnectionStrings.maskedStackTrace(config, cause));
        }
        job.error = reason;
        job.state = JobState.FAILED;
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warnf("Could not remove %s: %s", folder, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** A job's mutable state; read only through {@link #status()} snapshots. */
    private static final class Job {
        final String id;
        final Instant createdAt;
        final Deque<String> progress = new ArrayDeque<>();
        volatile JobState state = JobState.QUEUED;
        volatile Instant finishedAt;
        volatile JobStatus.JobResult result;
        volatile String error;

        Job(String id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
        }

        void progress(String line) {
            synchronized (progress) {
                progress.addLast(line);
                while (progress.size() > PROGRESS_LINES) {
                    progress.removeFirst();
                }
            }
        }

        JobStatus status() {
            List<String> lines;
            synchronized (progress) {
                lines = List.copyOf(progress);
            }
            return new JobStatus(id, state, createdAt.toString(), finishedAt == null ? null : finishedAt.toString(),
                    lines, result, error);
        }
    }
}
