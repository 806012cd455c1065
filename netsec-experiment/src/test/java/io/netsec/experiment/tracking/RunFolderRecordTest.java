package io.netsec.experiment.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netsec.core.bundle.BundleJson;
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
    void theBundleCopyHoldsEveryFileOfTheBundleFolderSubFoldersTooByteForByte() throws IOException {
        TrackedRun run = run("20250101-000000-aaaaaaaa-4", List.of());
        // An MLflow Model beside the bundle's own files: a code/ folder with its loader, binary bytes.
        byte[] onnx = {0, 1, (byte) 0xfe, (byte) 0xff, '\r', '\n'};
        Files.write(run.modelDir().resolve("model.onnx"), onnx);
        Path code = Files.createDirectories(run.modelDir().resolve("code"));
        Files.writeString(code.resolve("loader.py"), "def load():\n    pass\n");

        RunFolderRecord.write(run);

        Path copy = run.runDir().resolve(RunRecord.MODEL_ARTIFACT);
        assertArrayEquals(onnx, Files.readAllBytes(copy.resolve("model.onnx")));
        assertEquals("def load():\n    pass\n", Files.readString(copy.resolve("code").resolve("loader.py")));
        assertEquals("{\"weights\":[1]}", Files.readString(copy.resolve("model.json")));
    }

    @Test
    void aRecordWrittenBeforeTheRunsTimesWereKeptStillReads() throws IOException {
        TrackedRun run = run("20250101-000000-aaaaaaaa-5", List.of());
        RunFolderRecord folder = RunFolderRecord.write(run);
        // As an earlier netsec wrote it: no start_time or end_time.
        Path file = run.runDir().resolve(RunFolderRecord.RECORD);
        ObjectNode json = (ObjectNode) BundleJson.MAPPER.readTree(file.toFile());
        json.remove(List.of("start_time", "end_time"));
        BundleJson.MAPPER.writeValue(file.toFile(), json);
        assertTrue(!Files.readString(file).contains("start_time"), Files.readString(file));

        RunRecord read = folder.record();

        assertNull(read.startTime());
        assertNull(read.endTime());
        assertEquals(run.record().evaluation(), read.evaluation());
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
