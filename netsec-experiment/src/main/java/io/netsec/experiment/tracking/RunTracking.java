package io.netsec.experiment.tracking;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Records a finished training run: always in its run folder, and on an MLflow server when one is
 * named. Tracking never costs the user the model: the bundle is already written when this runs,
 * and when the server is down or fails midway the record stays {@code pending} in the run folder
 * for {@link #sync} ({@code netsec runs sync}) to replay later.
 */
public final class RunTracking {

    private RunTracking() {
    }

    /**
     * What became of the record.
     *
     * @param folder    the run folder's record
     * @param published the server's record, when it was sent
     * @param failure   why it was not sent though a server was named, or null
     */
    public record Outcome(RunFolderRecord folder, Optional<PublishedRun> published, String failure) {
    }

    /**
     * Writes the record of {@code run} to its run folder and publishes it when {@code connection} is present.
     *
     * @throws RunFolderException when the run folder does not take the record (the server is not tried then)
     */
    public static Outcome record(TrackedRun run, Optional<MlflowConnection> connection, Consumer<String> progress)
            throws IOException {
        RunFolderRecord folder = RunFolderRecord.write(run);
        progress.accept("run record and pictures written to " + run.runDir());
        if (connection.isEmpty()) {
            return new Outcome(folder, Optional.empty(), null);
        }
        return publish(folder, run.record(), connection.get(), progress);
    }

    /**
     * Publishes every record under {@code runsDir} that is not synced yet (pending, or recorded
     * without a server), oldest first.
     *
     * @return one outcome per record tried
     */
    public static List<Outcome> sync(Path runsDir, MlflowConnection connection, Consumer<String> progress)
            throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (RunFolderRecord folder : RunFolderRecord.under(runsDir)) {
            if (folder.status().state() == TrackingStatus.State.SYNCED) {
                continue;
            }
            progress.accept("syncing " + folder.runDir());
            outcomes.add(publish(folder, folder.record(), connection, progress));
        }
        return outcomes;
    }

    private static Outcome publish(RunFolderRecord folder, RunRecord record, MlflowConnection connection,
                                   Consumer<String> progress) throws IOException {
        TrackingStatus before = folder.status();
        List<String> abandoned = new ArrayList<>(before.abandonedRunIds());
        List<String> created = new ArrayList<>();
        try {
            PublishedRun published = new MlflowPublisher(connection, progress)
                    .publish(record, folder.runDir(), RunFolderRecord.ARTIFACTS, created::add);
            markFailed(connection, abandoned);
            folder.writeStatus(new TrackingStatus(TrackingStatus.State.SYNCED, connection.toString(), null, List.of(),
                    published));
            return new Outcome(folder, Optional.of(published), null);
        } catch (RuntimeException e) {
            // Any failure of tracking, expected or not, leaves the record pending rather than losing it.
            abandoned.addAll(created);
            String reason = connection.mask(e.getMessage() == null ? e.toString() : e.getMessage());
            folder.writeStatus(new TrackingStatus(TrackingStatus.State.PENDING, connection.toString(), reason, abandoned,
                    null));
            return new Outcome(folder, Optional.empty(), reason);
        }
    }

    /** Runs left half-written by an earlier attempt are marked failed, so nobody mistakes them for records. */
    private static void markFailed(MlflowConnection connection, List<String> runIds) {
        if (runIds.isEmpty()) {
            return;
        }
        try (var client = connection.client()) {
            for (String runId : runIds) {
                try {
                    client.setTerminated(runId, org.mlflow.api.proto.Service.RunStatus.FAILED);
                } catch (RuntimeException ignored) {
                    // Best effort: the run may have been deleted on the server meanwhile.
                }
            }
        }
    }
}
