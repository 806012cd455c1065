package io.netsec.training.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.bundle.ModelBundle;
import io.netsec.experiment.tracking.RunFolderRecord;
import io.netsec.experiment.tracking.RunRecord;
import io.netsec.experiment.tracking.RunTracking;
import io.netsec.experiment.tracking.TrackingStatus;
import io.netsec.training.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a server, the run folder holds the whole record: nothing needs MLflow by default. */
class TrainingRunTrackingTest {

    @Test
    void withoutAServerTheRunFolderHoldsTheRecordThePicturesAndTheBundle(@TempDir Path temp) throws IOException {
        TrainingRun run = PhishingRuns.train(temp, PhishingRuns.SMALL);

        RunTracking.Outcome outcome = TrainingRunTracking.record(run, PhishingRuns.settings("local"), Optional.empty(),
                line -> { });

        assertTrue(outcome.published().isEmpty());
        assertNull(outcome.failure());
        RunFolderRecord folder = outcome.folder();
        assertEquals(TrackingStatus.State.LOCAL, folder.status().state());
        RunRecord record = folder.record();
        assertEquals(2, record.candidates().size());
        assertEquals(run.result().test().rocAuc(), record.metrics().get("test_roc_auc"));
        assertEquals(3, record.candidates().get(0).foldRocAuc().size());
        for (String picture : new String[] {TrainingCharts.ROC, TrainingCharts.PRECISION_RECALL, TrainingCharts.CONFUSION,
                TrainingCharts.IMPORTANCE}) {
            assertTrue(Files.size(run.runDir().resolve(RunFolderRecord.PLOTS).resolve(picture)) > 1000, picture);
        }
        ModelBundle.load(run.runDir().resolve(RunRecord.MODEL_ARTIFACT));
        assertEquals(1, RunFolderRecord.under(temp.resolve("runs")).size());
    }
}
