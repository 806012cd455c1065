package io.netsec.spark;

import io.netsec.core.Detector;
import io.netsec.core.Sha256;
import io.netsec.core.bundle.AttachedFiles;
import io.netsec.core.bundle.BundleException;
import io.netsec.core.bundle.ModelBundle;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * A model bundle's files, read once on the driver and shipped to the executors (a bundle is a
 * few files of kilobytes to a few megabytes, so it travels in a broadcast variable rather than
 * needing a path every executor can read). Each executor JVM writes it to a local folder and
 * verifies it with {@link Detector#load(Path)} once, then keeps the detector for every task.
 */
public final class ShippedBundle implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Detectors by bundle identity, one per executor JVM (and one on the driver). */
    private static final Map<String, Detector> LOADED = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger LOADS = new java.util.concurrent.atomic.AtomicInteger();

    private final String origin;
    private final String identity;
    private final LinkedHashMap<String, byte[]> files;

    private ShippedBundle(String origin, LinkedHashMap<String, byte[]> files) {
        this.origin = origin;
        this.files = files;
        byte[] checksums = files.get(ModelBundle.CHECKSUMS);
        if (checksums == null) {
            throw new BundleException(Path.of(origin), "no model bundle here (" + ModelBundle.CHECKSUMS
                    + " is missing; train one with 'netsec train')");
        }
        this.identity = Sha256.of(checksums);
    }

    /**
     * Reads the bundle folder {@code location}: a local path, or any URI Hadoop reads
     * ({@code hdfs://}, {@code s3a://}, {@code file://}), and verifies it here before it ships.
     */
    public static ShippedBundle read(String location, Configuration hadoop) {
        LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
        try {
            Path local = localPath(location);
            if (local != null) {
                if (!Files.isDirectory(local)) {
                    ModelBundle.load(local); // throws the usual, helpful message
                }
                // the folder's files and those of its code/ folder (the MLflow Model's loader, format version 3)
                Path root = local.toRealPath(); // the folder may be a link (final_model -> releases/v3)
                try (Stream<Path> entries = Files.walk(root, 2)) {
                    for (Path file : entries.filter(Files::isRegularFile).sorted().toList()) {
                        String name = root.relativize(file).toString().replace('\\', '/');
                        if (name.indexOf('/') < 0 || name.startsWith(AttachedFiles.CODE_FOLDER + "/")) {
                            files.put(name, Files.readAllBytes(file));
                        }
                    }
                }
            } else {
                org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(location);
                FileSystem fs = folder.getFileSystem(hadoop);
                readFiles(fs, folder, "", files);
                org.apache.hadoop.fs.Path code = new org.apache.hadoop.fs.Path(folder, AttachedFiles.CODE_FOLDER);
                if (fs.exists(code) && fs.getFileStatus(code).isDirectory()) {
                    readFiles(fs, code, AttachedFiles.CODE_FOLDER + "/", files);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model bundle " + location + ": " + e.getMessage(), e);
        }
        ShippedBundle bundle = new ShippedBundle(location, files);
        bundle.detector(); // verifies on the driver: a bad bundle fails before any task starts
        return bundle;
    }

    /** The files directly in {@code folder}, named with {@code prefix}. */
    private static void readFiles(FileSystem fs, org.apache.hadoop.fs.Path folder, String prefix,
                                  Map<String, byte[]> files) throws IOException {
        for (FileStatus status : fs.listStatus(folder)) {
            if (status.isFile()) {
                byte[] bytes = new byte[Math.toIntExact(status.getLen())];
                try (FSDataInputStream in = fs.open(status.getPath())) {
                    in.readFully(bytes);
                }
                files.put(prefix + status.getPath().getName(), bytes);
            }
        }
    }

    private static Path localPath(String location) {
        if (location.startsWith("file:")) {
            return Path.of(java.net.URI.create(location));
        }
        return location.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") ? null : Path.of(location);
    }

    /** Where the bundle came from, for messages. */
    public String origin() {
        return origin;
    }

    /** The SHA-256 of the bundle's checksum file: two bundles with the same one are the same bundle. */
    public String identity() {
        return identity;
    }

    /**
     * The verified detector of this bundle, loaded at most once per JVM: the first call writes
     * the files to a temporary folder and runs {@link Detector#load(Path)} on it (checksums,
     * format, schema), later calls return the same detector.
     */
    public Detector detector() {
        return LOADED.computeIfAbsent(identity, id -> {
            try {
                Path folder = Files.createTempDirectory("netsec-bundle-");
                try {
                    for (Map.Entry<String, byte[]> file : files.entrySet()) {
                        Path path = folder.resolve(file.getKey());
                        Files.createDirectories(path.getParent());
                        Files.write(path, file.getValue());
                    }
                    Detector detector = Detector.load(folder);
                    LOADS.incrementAndGet();
                    return detector;
                } finally {
                    try (Stream<Path> written = Files.walk(folder)) {
                        for (Path file : written.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(file);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack the model bundle from " + origin + ": " + e.getMessage(), e);
            }
        });
    }

    /** How many times this JVM has loaded and verified a bundle (for tests: once per bundle, not per partition). */
    static int loadsInThisJvm() {
        return LOADS.get();
    }
}
