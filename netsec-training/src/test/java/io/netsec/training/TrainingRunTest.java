package io.netsec.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.bundle.ModelFolderRefusedException;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.training.model.LogisticTrainer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder: one per run, never shared, never reused; and nothing trained toward a folder it may not replace. */
class TrainingRunTest {

    static final LoadedSchema TRAFFIC = SchemaLoader.load(Path.of(System.getProperty("netsec.repo.dir", ".."))
            .resolve("data_schema/network_traffic.yaml"));

    @TempDir
    Path dir;

    /** {@code rows} valid rows of the traffic schema (the runs below are refused before they read them). */
    private static void writeTraffic(Path file, int rows) throws java.io.IOException {
        StringBuilder csv = new StringBuilder("id,duration,protocol_type,service,src_bytes,dst_bytes,flag,srv_error_rate,label\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(i).append(',').append(i % 60).append(',').append(i % 2 == 0 ? "tcp" : "udp").append(",http,")
                    .append(10 * i).append(',').append(5 * i).append(",SF,0.").append(i % 10).append(',')
                    .append(i % 3 == 0 ? "neptune" : "normal").append('\n');
        }
        Files.writeString(file, csv);
    }

    @Test
    void twoRunsStartedInTheSameSecondOnTheSameDataGetFoldersOfTheirOwn() throws Exception {
        LocalDateTime second = LocalDateTime.of(2025, 3, 1, 12, 0, 0);
        String sha = "d54be1c7".repeat(8);
        String first = TrainingRun.runId(second, sha);
        String other = TrainingRun.runId(second, sha);
        assertNotEquals(first, other);
        assertTrue(first.matches("20250301-120000-d54be1c7-[0-9a-f]{8}"), first);
        Path runs = dir.resolve("runs");
        Path a = TrainingRun.createRunFolder(runs, first);
        Path b = TrainingRun.createRunFolder(runs, other);
        assertNotEquals(a, b);
        try (var folders = Files.list(runs)) {
            assertEquals(2, folders.count());
        }
    }

    @Test
    void aRunFolderThatExistsIsNeverReused() throws Exception {
        Path runs = dir.resolve("runs");
        Path folder = TrainingRun.createRunFolder(runs, "20250301-120000-nodata-00000000");
        Files.writeString(folder.resolve("metrics.json"), "{\"the\": \"first run's\"}");
        assertThrows(FileAlreadyExistsException.class, () -> TrainingRun.createRunFolder(runs, folder.getFileName().toString()));
        assertEquals("{\"the\": \"first run's\"}", Files.readString(folder.resolve("metrics.json")));
    }

    @Test
    void aModelFolderThatIsNotABundleIsRefusedBeforeTraining() throws Exception {
        Path data = dir.resolve("traffic.csv");
        writeTraffic(data, 200);
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        List<String> progress = new java.util.ArrayList<>();
        try (CsvRecordSource source = CsvRecordSource.open(data, TRAFFIC.schema())) {
            assertThrows(ModelFolderRefusedException.class, () -> TrainingRun.execute(request(source, mine, dir.resolve("runs")),
                    progress::add));
        }
        assertEquals(List.of(), progress, "refused before the data was read");
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
        assertFalse(Files.exists(dir.resolve("runs")));
    }

    @Test
    void aRunsFolderThatIsAFileIsRefusedBeforeTraining() throws Exception {
        Path data = dir.resolve("traffic.csv");
        writeTraffic(data, 200);
        Path runs = Files.writeString(dir.resolve("runs"), "not a folder");
        List<String> progress = new java.util.ArrayList<>();
        try (CsvRecordSource source = CsvRecordSource.open(data, TRAFFIC.schema())) {
            FileSystemException e = assertThrows(FileSystemException.class,
                    () -> TrainingRun.execute(request(source, dir.resolve("model"), runs), progress::add));
            assertTrue(e.getMessage().startsWith(runs + ": is not a folder"), e.getMessage());
        }
        assertEquals(List.of(), progress, "refused before the data was read");
        assertFalse(Files.exists(dir.resolve("model")));
    }

    @Test
    void aRunsFolderInsideTheModelFolderIsRefusedBeforeTraining() throws Exception {
        Path data = dir.resolve("traffic.csv");
        writeTraffic(data, 200);
        Path model = dir.resolve("model");
        try (CsvRecordSource source = CsvRecordSource.open(data, TRAFFIC.schema())) {
            FileSystemException e = assertThrows(FileSystemException.class,
                    () -> TrainingRun.execute(request(source, model, model.resolve("runs")), line -> { }));
            assertTrue(e.getMessage().contains("is inside the model folder"), e.getMessage());
        }
        assertFalse(Files.exists(model));
    }

    private static TrainingRun.Request request(CsvRecordSource source, Path modelDir, Path runsDir) {
        TrainingOptions options = TrainingOptions.defaults().withCandidates(List.of(new LogisticTrainer(1e-8)))
                .withBootstrapResamples(10).withFolds(2);
        return new TrainingRun.Request(source, null, TRAFFIC, modelDir, runsDir, options, null);
    }
}
