package io.netsec.ingestion.file;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hidden files a run writes before they take their name (scored rows, rejects, downloads).
 * Each is removed when the run ends, whichever way: by its writer on success or failure, and by a
 * shutdown hook when the JVM is stopped midway (Ctrl-C, {@code kill}); only a {@code kill -9}
 * leaves one behind. The hook is installed on first use, once per JVM.
 */
public final class PartialFiles {

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    private PartialFiles() {
    }

    private static final class Hook {
        static {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(PartialFiles::removeAll, "netsec-partial-files"));
            } catch (IllegalStateException e) {
                // already shutting down: the writer's own clean-up is all there is
            }
        }

        static void install() {
            // the class's initialization does it, once
        }
    }

    /**
     * Creates {@code .NAME.RANDOM.partial} in {@code folder}, new and empty, and keeps it for
     * removal; the random part keeps two runs writing the same name apart.
     */
    public static Path create(Path folder, String name) throws IOException {
        Hook.install();
        while (true) {
            Path file = folder.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".partial");
            LIVE.add(file); // before it exists: a stop between the two still removes it
            try {
                return Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                LIVE.remove(file); // another run's; try another name
            } catch (IOException | RuntimeException e) {
                LIVE.remove(file);
                throw e;
            }
        }
    }

    /** Keeps {@code file}, made by its writer, for removal should the JVM stop before {@link #forget}. */
    public static void track(Path file) {
        Hook.install();
        LIVE.add(file);
    }

    /** The file took its name, or was removed: nothing to do for it any more. */
    public static void forget(Path file) {
        LIVE.remove(file);
    }

    /** Removes {@code file} if it is there, and forgets it. */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: a folder that forbids the removal forbade nothing else of use
        }
        LIVE.remove(file);
    }

    private static void removeAll() {
        for (Path file : LIVE) {
            delete(file);
        }
    }
}
