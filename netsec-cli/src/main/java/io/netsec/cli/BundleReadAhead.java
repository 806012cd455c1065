package io.netsec.cli;

import io.netsec.core.Detector;
import io.netsec.core.DetectorReadAhead;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code netsec predict}'s model bundle, loaded on a thread of its own from the first line of
 * {@code main}, while picocli builds the command and parses the arguments (a cold JVM spends
 * about as long on each: a tenth to a fifth of a second). The command takes the result when it
 * asks for the same folder; a failure is thrown there, where loading would have thrown it, so
 * errors come in the same order as without the read-ahead.
 */
final class BundleReadAhead {

    private static volatile DetectorReadAhead pending;

    private BundleReadAhead() {
    }

    /**
     * Starts loading the bundle {@code args} name when they are a {@code predict} command line
     * that scores (not one asking for help or the version). A folder named where this does not
     * look (an {@code @file} of arguments) is loaded by the command itself: the read-ahead is
     * taken only for the same folder.
     */
    static void start(String[] args) {
        if (args.length == 0 || !"predict".equals(args[0])) {
            return;
        }
        String folder = PredictCommand.DEFAULT_MODEL_DIR;
        for (int i = 1; i < args.length; i++) {
            if (List.of("-h", "--help", "-V", "--version").contains(args[i])) {
                return;
            }
            if (args[i].equals("--model-dir") && i + 1 < args.length) {
                folder = args[i + 1];
            } else if (args[i].startsWith("--model-dir=")) {
                folder = args[i].substring("--model-dir=".length());
            }
        }
        Path path;
        try {
            path = Path.of(folder);
        } catch (RuntimeException e) {
            return; // picocli reports the argument
        }
        pending = DetectorReadAhead.start(path, "netsec-bundle-read-ahead");
    }

    /** The detector of {@code folder}: the read-ahead's when it loaded that folder, else loaded now. Taken once. */
    static Detector load(Path folder) {
        DetectorReadAhead ahead = pending;
        pending = null;
        Detector detector = ahead == null ? null : ahead.take(folder);
        return detector != null ? detector : Detector.load(folder);
    }
}
