package io.netsec.api.config;

import io.netsec.core.bundle.ModelFolder;
import io.netsec.core.bundle.ModelFolderRefusedException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks the bounds of the settings, and that the model folder is one a bundle may replace, before
 * anything else starts, so a bad value stops the server with a message naming it. Request bodies are validated by Hibernate Validator; the settings are
 * not, because constraints on a config mapping make Quarkus build a second validator factory for
 * them at every start: 0.3-0.4 s of a 2.2 s start to ready (five interleaved starts each, with and
 * without, JDK 25 AOT cache), for seven bounds checked once.
 */
@Singleton
public class ConfigCheck {

    void onStart(@Observes @Priority(0) StartupEvent event, NetsecConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration: " + String.join("; ", problems));
        }
    }

    static List<String> problems(NetsecConfig config) {
        List<String> problems = new ArrayList<>();
        within(problems, "netsec.page-size", config.pageSize(), 1, 1000);
        within(problems, "netsec.kept-results", config.keptResults(), 1, 1000);
        within(problems, "netsec.limits.rows", config.limits().rows(), 1, Long.MAX_VALUE);
        within(problems, "netsec.limits.records", config.limits().records(), 1, Integer.MAX_VALUE);
        within(problems, "netsec.limits.columns", config.limits().columns(), 1, Integer.MAX_VALUE);
        within(problems, "netsec.limits.json-depth", config.limits().jsonDepth(), 4, Integer.MAX_VALUE);
        within(problems, "netsec.training.mongodb.timeout-seconds", config.training().mongodb().timeoutSeconds(), 1,
                Integer.MAX_VALUE);
        within(problems, "netsec.drift.window-rows", config.drift().windowRows(), 100, 10_000_000);
        within(problems, "netsec.drift.buckets", config.drift().buckets(), 2, 1000);
        within(problems, "netsec.drift.queue", config.drift().queue(), 1, 100_000);
        config.drift().windowDuration().filter(d -> d.isNegative() || d.isZero() || d.toMillis() < config.drift().buckets())
                .ifPresent(d -> problems.add("netsec.drift.window-duration must be at least a millisecond per bucket, found " + d));
        config.drift().threatShareMax().ifPresent(max -> {
            if (!(max >= 0 && max <= 1)) {
                problems.add("netsec.drift.threat-share-max must be a share from 0 to 1, found " + max);
            }
        });
        modelFolder(problems, config);
        return problems;
    }

    /**
     * The served folder is replaced by a training job and by a pull of {@code netsec.model-uri}:
     * it must be one a bundle may replace (a bundle, empty or absent: {@link ModelFolder}), and hold
     * neither the training data nor the run folders. Checked at start, not when a job ends.
     */
    private static void modelFolder(List<String> problems, NetsecConfig config) {
        Path folder = config.modelDir();
        try {
            Optional<Path> data = config.training().data();
            if (data.isPresent()) {
                ModelFolder.requireApart(folder, data.get()); // first: the more telling of the two refusals
            }
            ModelFolder.requireReplaceable(folder);
        } catch (ModelFolderRefusedException e) {
            problems.add("netsec.model-dir " + e.getMessage());
            return;
        } catch (IOException e) {
            problems.add("netsec.model-dir " + folder + ": cannot be read (" + (e instanceof AccessDeniedException
                    ? "permission denied" : e.getMessage()) + ")");
            return;
        }
        Path runs = config.training().runsDir().toAbsolutePath().normalize();
        if (runs.startsWith(folder.toAbsolutePath().normalize())) {
            problems.add("netsec.training.runs-dir " + config.training().runsDir() + " is inside netsec.model-dir " + folder
                    + ", which a training job replaces: choose a runs folder elsewhere");
        }
    }

    private static void within(List<String> problems, String name, long value, long min, long max) {
        if (value < min) {
            problems.add(name + " must be at least " + min + ", found " + value);
        } else if (value > max) {
            problems.add(name + " must be at most " + max + ", found " + value);
        }
    }
}
