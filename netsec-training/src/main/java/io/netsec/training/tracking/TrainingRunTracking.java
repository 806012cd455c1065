package io.netsec.training.tracking;

import io.netsec.experiment.tracking.MlflowConnection;
import io.netsec.experiment.tracking.RunDescription;
import io.netsec.experiment.tracking.RunTracking;
import io.netsec.experiment.tracking.TrackedRun;
import io.netsec.experiment.tracking.TrackingSettings;
import io.netsec.training.TrainingResult;
import io.netsec.training.TrainingRun;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Records a finished {@link TrainingRun} through the shared tracking ({@link RunTracking}): its
 * description ({@link RunDescription}) and its pictures ({@link TrainingCharts}), in its run
 * folder always and on an MLflow server when one is named.
 */
public final class TrainingRunTracking {

    private TrainingRunTracking() {
    }

    /**
     * Pictures that cannot be drawn (a JRE without fonts, say) are reported on {@code progress}
     * and left out: they are not worth losing the record for.
     *
     * @throws io.netsec.experiment.tracking.RunFolderException when the run folder does not take the record
     */
    public static RunTracking.Outcome record(TrainingRun run, TrackingSettings settings,
                                             Optional<MlflowConnection> connection, Consumer<String> progress)
            throws IOException {
        TrainingResult result = run.result();
        List<TrackedRun.Picture> pictures;
        try {
            pictures = TrainingCharts.draw(result.testScores(), result.test(), result.threshold());
            if (result.testFamilies() != null) {
                pictures = new java.util.ArrayList<>(pictures);
                pictures.add(TrainingCharts.familyConfusion(result.testFamilies(), result.threshold()));
            }
        } catch (RuntimeException | java.awt.AWTError | LinkageError e) {
            progress.accept("warning: the pictures could not be drawn (" + e + "); the record is kept without them");
            pictures = List.of();
        }
        TrackedRun tracked = new TrackedRun(run.runDir(), run.modelDir(), RunDescription.of(finished(run), settings),
                pictures);
        return RunTracking.record(tracked, connection, progress);
    }

    /** {@code run} as the shared description takes it. */
    public static RunDescription.Finished finished(TrainingRun run) {
        TrainingResult result = run.result();
        return new RunDescription.Finished(run.runId(), result.bundle().manifest(), result.search().candidates(),
                result.search().selected(), result.test(), result.testIntervals(), result.threshold(), result.trainRows(),
                result.testRows(), result.testRowsWithCopyInTrain(), result.testFamilies(), result.testFamilyIntervals(),
                run.started(), run.ended());
    }
}
