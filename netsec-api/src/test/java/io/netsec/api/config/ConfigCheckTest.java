package io.netsec.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {

    @Test
    void acceptsTheDefaults() {
        assertEquals(List.of(), ConfigCheck.problems(config(Map.of())));
    }

    @Test
    void namesEverySettingOutOfBounds() {
        NetsecConfig bad = config(Map.of("pageSize", 0, "keptResults", 1001, "records", 0, "jsonDepth", 3));
        assertEquals(List.of("netsec.page-size must be at least 1, found 0",
                "netsec.kept-results must be at most 1000, found 1001",
                "netsec.limits.records must be at least 1, found 0",
                "netsec.limits.json-depth must be at least 4, found 3"), ConfigCheck.problems(bad));
    }

    @Test
    void namesDriftSettingsOutOfBounds() {
        NetsecConfig bad = config(Map.of("windowRows", 99, "buckets", 1, "queue", 0,
                "windowDuration", Optional.of(java.time.Duration.ofMillis(5)), "threatShareMax", java.util.OptionalDouble.of(1.5)));
        assertEquals(List.of("netsec.drift.window-rows must be at least 100, found 99",
                "netsec.drift.buckets must be at least 2, found 1",
                "netsec.drift.queue must be at least 1, found 0",
                "netsec.drift.threat-share-max must be a share from 0 to 1, found 1.5"), ConfigCheck.problems(bad));
        assertEquals(List.of("netsec.drift.window-duration must be at least a millisecond per bucket, found PT0.005S"),
                ConfigCheck.problems(config(Map.of("windowDuration", Optional.of(java.time.Duration.ofMillis(5))))));
    }

    @Test
    void refusesAModelFolderThatIsNeitherABundleNorEmpty(@TempDir Path dir) throws Exception {
        Path mine = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        assertEquals(List.of("netsec.model-dir " + mine + ": is not empty and holds no model bundle (notes.txt): writing a"
                + " bundle would replace it; choose an empty folder or an existing bundle"),
                ConfigCheck.problems(config(Map.of("modelDir", mine))));
        Path file = Files.writeString(dir.resolve("data.csv"), "a\n1\n");
        assertTrue(ConfigCheck.problems(config(Map.of("modelDir", file))).get(0)
                .startsWith("netsec.model-dir " + file + ": is a file, not a model folder"));
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
    }

    @Test
    void acceptsABundleAnEmptyFolderAndNoFolder(@TempDir Path dir) throws Exception {
        Path bundle = Files.createDirectory(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("manifest.json"), "{\"format\": \"netsec-model-bundle\", \"format_version\": 1}");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        for (Path folder : List.of(bundle, empty, dir.resolve("none"))) {
            assertEquals(List.of(), ConfigCheck.problems(config(Map.of("modelDir", folder))), folder.toString());
        }
    }

    @Test
    void refusesAModelFolderHoldingTheTrainingDataOrTheRunFolders(@TempDir Path dir) throws Exception {
        Path data = Files.writeString(dir.resolve("train.csv"), "a\n1\n");
        assertTrue(ConfigCheck.problems(config(Map.of("modelDir", data, "data", Optional.of(data)))).get(0)
                .contains(": is the data being trained on"));
        Path empty = Files.createDirectory(dir.resolve("model"));
        assertEquals(List.of("netsec.training.runs-dir " + empty.resolve("runs") + " is inside netsec.model-dir " + empty
                        + ", which a training job replaces: choose a runs folder elsewhere"),
                ConfigCheck.problems(config(Map.of("modelDir", empty, "runsDir", empty.resolve("runs")))));
    }

    /** A config with the defaults of NetsecConfig, some values replaced (by method name). */
    private static NetsecConfig config(Map<String, Object> values) {
        Map<String, Object> defaults = Map.of("pageSize", 50, "keptResults", 20, "rows", 1_000_000L, "records", 100_000,
                "columns", 10_000, "jsonDepth", 32, "timeoutSeconds", 10,
                "modelDir", Path.of("target", "no-such-model-folder"), "data", Optional.empty(), "runsDir", Path.of("runs"));
        Map<String, Object> drift = Map.of("windowRows", 10_000, "buckets", 20, "queue", 1024,
                "windowDuration", Optional.empty(), "threatShareMax", java.util.OptionalDouble.empty());
        return (NetsecConfig) Proxy.newProxyInstance(NetsecConfig.class.getClassLoader(),
                new Class<?>[] {NetsecConfig.class, NetsecConfig.Limits.class, NetsecConfig.Training.class,
                        NetsecConfig.Mongodb.class, NetsecConfig.Drift.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "limits", "training", "mongodb", "drift" -> proxy;
                    case "windowRows", "buckets", "queue", "windowDuration", "threatShareMax" ->
                            values.getOrDefault(method.getName(), drift.get(method.getName()));
                    default -> values.getOrDefault(method.getName(), defaults.get(method.getName()));
                });
    }
}
