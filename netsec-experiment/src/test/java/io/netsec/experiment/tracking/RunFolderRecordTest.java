package io.netsec.experiment.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record of a run made by any trainer: tracking takes the description and the pictures as
 * values and needs no charting library, no trainer and, by default, no server.
 */
class RunFolderRecordTest {

    @TempDir
    Path temp;

    private TrackedRun run(String runId, List<TrackedRun.Picture> pictures) throws IOException {
        Path model = Files.createDirectories(temp.resolve("model-" + runId));
        Files.writeString(model.resolve("manifest.json"), "{}");
        Files.writeString(model.resolve("model.json"), "{\"weights\":[1]}");
        Path runDir = Files.createDirectories(temp.resolve("runs").resolve(runId));
        Files.writeString(runDir.resolve("metrics.json"), "{}"); // the trainer's own file
        RunRecord record = new RunRecord(runId, "netsec-test", "netsec-detector-test", Map.of("seed", "42"),
                Map.of("mlflow.runName", runId), Map.of("test_roc_auc", 0.9),
                List.of(new RunRecord.CandidateRun("j48(m=2)", Map.of("family", "j48"), Map.of(),
                        Map.of("cv_roc_auc_mean", 0.88), List.of(0.87, 0.89))),
                new RunRecord.Evaluation("test_roc_auc", 0.9, "abc", "key"), 1_700_000_000_000L, 1_700_000_060_000L);
        return new TrackedRun(runDir, model, record, pictures);
    }

    @Test
    void withoutAServerTheRunFolderKeepsTheRecordThePicturesAndTheBundleAsArtifacts() throws IOException {
        byte[] png = "not really a png".getBytes(StandardCharsets.US_ASCII);
        TrackedRun run = run("20250101-000000-aaaaaaaa-1", List.of(new TrackedRun.Picture("roc_curve.png", png)));

        RunTracking.Outcome outcome = RunTracking.record(run, Optional.empty(), line -> { });

        assertTrue(outcome.published().isEmpty());
        assertNull(outcome.failure());
        RunFolderRecord folder = outcome.folder();
        assertEquals(TrackingStatus.State.LOCAL, folder.status().state());
        assertEquals(run.record(), folder.record(), "the record reads back as it was written");
        assertArrayEquals(png, Files.readAllBytes(run.runDir().resolve(RunFolderRecord.PLOTS).resolve("roc_curve.png")));
        assertEquals("{\"weights\":[1]}",
                Files.readString(run.runDir().resolve(RunRecord.MODEL_ARTIFACT).resolve("model.json")));
        assertEquals(List.of(folder), RunFolderRecord.under(temp.resolve("runs")));
        assertTrue(RunFolderRecord.ARTIFACTS.test("plots/roc_curve.png") && RunFolderRecord.ARTIFACTS.test("metrics.json"));
        assertTrue(!RunFolderRecord.ARTIFACTS.test(RunFolderRecord.RECORD)
                && !RunFolderRecord.ARTIFACTS.test(RunFolderRecord.STATUS), "the record's own files are no artifacts");
    }

    @Test
    void aRunWithoutPicturesHasNoPlotsFolder() throws IOException {
        TrackedRun run = run("20250101-000000-aaaaaaaa-2", List.of());

        RunFolderRecord.write(run);

        assertTrue(Files.notExists(run.runDir().resolve(RunFolderRecord.PLOTS)));
    }

    @Test
    void aPictureIsAPlainFileNameSoItStaysInsideThePlotsFolder() {
        for (String name : List.of("../escape.png", "sub/roc.png", "..\\roc.png", ".hidden.png", "")) {
            assertThrows(IllegalArgumentException.class, () -> new TrackedRun.Picture(name, new byte[0]), name);
        }
    }

    @Test
    void aRunFolderThatTakesNoFileIsARunFolderException() throws IOException {
        TrackedRun run = run("20250101-000000-aaaaaaaa-3", List.of());
        // a file where the bundle copy's folder goes: the copy fails with the run folder named
        Files.writeString(run.runDir().resolve(RunRecord.MODEL_ARTIFACT), "in the way");

        RunFolderException refused = assertThrows(RunFolderException.class, () -> RunFolderRecord.write(run));

        assertTrue(refused.getMessage().startsWith(run.runDir().toString()), refused.getMessage());
    }
}
