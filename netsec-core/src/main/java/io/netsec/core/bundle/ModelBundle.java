package io.netsec.core.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netsec.core.Sha256;
import io.netsec.core.model.PortableModel;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaException;
import io.netsec.core.schema.SchemaLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A self-contained model bundle: a folder with {@code manifest.json}, {@code model.json} (the
 * portable model), {@code schema.yaml} (the schema it was trained with) and
 * {@code checksums.sha256} (in {@code sha256sum} format, so {@code sha256sum -c} checks it too).
 *
 * <p>Loading reads only JSON and YAML into plain values and verifies every checksum and the
 * format version first: it never runs code from the bundle (no Java serialization). Writing is
 * atomic: the files go to a temporary folder beside the target, which then replaces it, so a
 * crash leaves the previous bundle whole.
 */
public record ModelBundle(BundleManifest manifest, LoadedSchema schema, PortableModel model) {

    public static final String MANIFEST = "manifest.json";
    public static final String MODEL = "model.json";
    public static final String SCHEMA = "schema.yaml";
    public static final String CHECKSUMS = "checksums.sha256";

    /** Loads and verifies the bundle in {@code folder}. */
    public static ModelBundle load(Path folder) {
        if (!Files.exists(folder)) {
            Path previous = interruptedPrevious(folder);
            if (previous != null) {
                // A write was killed between its two renames: the previous bundle is whole, one name aside.
                return load(previous);
            }
        }
        if (!Files.isDirectory(folder)) {
            String hint = Files.exists(folder) ? "is not a folder" : "no model bundle here (train one with 'netsec train')";
            throw new BundleException(folder, hint);
        }
        Map<String, String> checksums = readChecksums(folder);
        // The model file is the largest to parse: read on a thread of its own while this one
        // checks and parses the rest (a cold JVM parses JSON slowly: about half of a command-line
        // start went to the bundle). Its checksum is of the very bytes parsed.
        ModelRead modelRead = checksums.containsKey(MODEL) ? ModelRead.start(folder.resolve(MODEL)) : null;
        for (Map.Entry<String, String> entry : checksums.entrySet()) {
            if (modelRead != null && entry.getKey().equals(MODEL)) {
                modelRead.verify(entry.getValue());
            } else {
                verify(folder, entry.getKey(), entry.getValue());
            }
        }
        for (String required : new String[] {MANIFEST, MODEL, SCHEMA}) {
            if (!checksums.containsKey(required)) {
                throw new BundleException(folder.resolve(CHECKSUMS), "does not list " + required);
            }
        }
        BundleManifest manifest = readJson(folder.resolve(MANIFEST), "manifest", BundleFiles::manifest);
        if (!BundleManifest.FORMAT.equals(manifest.format())) {
            throw new BundleException(folder.resolve(MANIFEST), "not a NetSec model bundle (format '" + manifest.format() + "')");
        }
        if (manifest.formatVersion() != BundleManifest.FORMAT_VERSION) {
            throw new BundleException(folder.resolve(MANIFEST), "bundle format version " + manifest.formatVersion()
                    + " is not supported by this version of netsec (it reads version " + BundleManifest.FORMAT_VERSION + ")");
        }
        LoadedSchema schema;
        try {
            schema = SchemaLoader.load(folder.resolve(SCHEMA));
        } catch (SchemaException e) {
            throw new BundleException(folder.resolve(SCHEMA), e.getMessage(), e);
        }
        if (!schema.sha256().equals(manifest.schemaSha256())) {
            throw new BundleException(folder.resolve(SCHEMA), "is not the schema the manifest names (SHA-256 differs)");
        }
        PortableModel model = modelRead != null && manifest.model().file().equals(MODEL) ? modelRead.model()
                : readJson(folder.resolve(manifest.model().file()), "model", BundleFiles::model);
        ModelBundle bundle = new ModelBundle(manifest, schema, model);
        bundle.checkConsistency(folder);
        return bundle;
    }

    private void checkConsistency(Path folder) {
        int features = schema.schema().features().size();
        if (manifest.vocabularies().size() != features || manifest.transform().columns().size() != features) {
            throw new BundleException(folder.resolve(MANIFEST), "the transformation does not match the schema's "
                    + features + " features");
        }
        if (manifest.transform().outputWidth() != model.featureCount()) {
            throw new BundleException(folder.resolve(MODEL), "the model reads " + model.featureCount()
                    + " inputs but the transformation makes " + manifest.transform().outputWidth());
        }
    }

    /**
     * Writes this bundle into {@code folder}, replacing what is there only once every file is
     * complete and on disk. The manifest's {@code files} are filled in here. Only a folder with
     * nothing to lose is replaced: one that is absent, empty or a bundle ({@link ModelFolder}).
     *
     * @return the bundle as written (with checksums)
     * @throws ModelFolderRefusedException when {@code folder} holds something else (nothing is written)
     * @throws java.nio.file.FileSystemException naming {@code folder} when a file of the bundle cannot
     *         be written (a full disk, say); the folder keeps what it had
     */
    public ModelBundle writeTo(Path folder) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        ModelFolder.requireReplaceable(folder);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        restoreInterrupted(target);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path staging = parent.resolve("." + target.getFileName() + ".tmp-" + tag);
        Files.createDirectory(staging);
        try {
            byte[] modelJson = BundleJson.MAPPER.writeValueAsBytes(model);
            byte[] schemaYaml = schema.yaml().getBytes(StandardCharsets.UTF_8);
            Map<String, String> files = new LinkedHashMap<>();
            files.put(MODEL, Sha256.of(modelJson));
            files.put(SCHEMA, Sha256.of(schemaYaml));
            BundleManifest withFiles = new BundleManifest(manifest.format(), manifest.formatVersion(), manifest.createdAt(),
                    manifest.schemaName(), schema.sha256(), manifest.vocabularies(), manifest.transform(),
                    new BundleManifest.ModelInfo(MODEL, manifest.model().family(), manifest.model().parameters(),
                            manifest.model().featureNames()),
                    manifest.threshold(), manifest.metrics(), manifest.training(), files);
            byte[] manifestJson = BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(withFiles);
            String sums = Sha256.of(manifestJson) + "  " + MANIFEST + "\n"
                    + files.get(MODEL) + "  " + MODEL + "\n"
                    + files.get(SCHEMA) + "  " + SCHEMA + "\n";
            try {
                writeDurably(staging.resolve(MODEL), modelJson);
                writeDurably(staging.resolve(SCHEMA), schemaYaml);
                writeDurably(staging.resolve(MANIFEST), manifestJson);
                writeDurably(staging.resolve(CHECKSUMS), sums.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // A full disk says only "No space left on device": name the folder, and that it is unharmed.
                FileSystemException named = new FileSystemException(folder.toString(), null,
                        "the bundle could not be written (" + e.getMessage() + "); the folder keeps what it had");
                named.initCause(e);
                throw named;
            }
            replace(target, staging, tag);
            return new ModelBundle(withFiles, schema, model);
        } finally {
            deleteTree(staging);
        }
    }

    /** Moves {@code staging} to {@code target}; an existing target is moved aside first and removed last. */
    private static void replace(Path target, Path staging, String tag) throws IOException {
        Path previous = target.resolveSibling("." + target.getFileName() + ".old-" + tag);
        boolean hadPrevious = Files.exists(target);
        if (hadPrevious) {
            move(target, previous);
        }
        try {
            move(staging, target);
        } catch (IOException e) {
            if (hadPrevious) {
                move(previous, target);
            }
            throw e;
        }
        if (hadPrevious) {
            deleteTree(previous);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            var buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static Map<String, String> readChecksums(Path folder) {
        Path file = folder.resolve(CHECKSUMS);
        Map<String, String> sums = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+\\*?", 2);
                if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}") || parts[1].contains("/") || parts[1].contains("\\")) {
                    throw new BundleException(file, "malformed line '" + line + "'");
                }
                sums.put(parts[1], parts[0]);
            }
        } catch (NoSuchFileException e) {
            throw new BundleException(folder, "incomplete bundle: " + CHECKSUMS + " is missing");
        } catch (IOException e) {
            throw new BundleException(file, "cannot be read: " + e.getMessage(), e);
        }
        return sums;
    }

    private static void verify(Path folder, String name, String expected) {
        Path file = folder.resolve(name);
        try {
            checkSum(file, Sha256.of(file), expected);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static void checkSum(Path file, String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new BundleException(file, "checksum mismatch: the file is corrupt or was changed after training"
                    + " (expected " + expected.substring(0, 12) + "..., found " + actual.substring(0, 12) + "...)");
        }
    }

    private static BundleException unreadable(Path file, IOException e) {
        return e instanceof NoSuchFileException ? new BundleException(file, "incomplete bundle: the file is missing")
                : new BundleException(file, "cannot be read: " + e.getMessage(), e);
    }

    /**
     * The model file read and parsed on a thread of its own, while the loading thread hashes its
     * bytes and reads the other files (the parse is the longest step of a cold start; the hash
     * and the security provider's first start, some 35 ms, no longer come before it). Answers
     * and failures are taken where the loading reaches them, the checksum before the model, so
     * errors come in the same order as without it and no model is used before its checksum holds.
     */
    private static final class ModelRead {
        private final Path file;
        private final CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        private final CompletableFuture<PortableModel> model = new CompletableFuture<>();

        private ModelRead(Path file) {
            this.file = file;
        }

        static ModelRead start(Path file) {
            ModelRead read = new ModelRead(file);
            Thread thread = new Thread(read::run, "netsec-model-read");
            thread.setDaemon(true); // a load that fails first elsewhere does not wait for it
            thread.start();
            return read;
        }

        private void run() {
            byte[] read;
            try {
                read = Files.readAllBytes(file);
                bytes.complete(read);
            } catch (IOException | RuntimeException | Error e) {
                // an Error too (a file too large for an array): the loading waits on both answers
                bytes.completeExceptionally(e);
                model.completeExceptionally(e);
                return;
            }
            try {
                model.complete(readJson(file, read, "model", BundleFiles::model));
            } catch (RuntimeException | Error e) {
                model.completeExceptionally(e);
            }
        }

        /** Checks the checksum of the bytes read (on the calling thread, while this one parses them). */
        void verify(String expected) {
            checkSum(file, Sha256.of(join(bytes)), expected);
        }

        PortableModel model() {
            return join(model);
        }

        private <T> T join(CompletableFuture<T> future) {
            try {
                return future.join();
            } catch (java.util.concurrent.CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw unreadable(file, io);
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }

    /** Reads one JSON file of the bundle ({@link BundleFiles}). */
    private interface JsonReader<T> {
        T read(byte[] json) throws IOException;
    }

    private static <T> T readJson(Path file, String what, JsonReader<T> reader) {
        try {
            return readJson(file, Files.readAllBytes(file), what, reader);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static <T> T readJson(Path file, byte[] bytes, String what, JsonReader<T> reader) {
        try {
            return reader.read(bytes);
        } catch (BundleFiles.MalformedException e) {
            throw new BundleException(file, "not a valid " + what + ": " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new BundleException(file, "not a valid " + what + ": " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new BundleException(file, e.getMessage(), e);
        }
    }

    /**
     * Removes temporary folders a crashed write left beside {@code folder}: unfinished new bundles,
     * and previous bundles once {@code folder} holds a bundle again (a write killed between its two
     * renames leaves the previous one aside; it is first moved back). Call it when no other
     * process writes to {@code folder}.
     */
    public static void cleanStaleStaging(Path folder) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        restoreInterrupted(target);
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(parent, "." + target.getFileName() + ".tmp-*")) {
            for (Path path : stale) {
                deleteTree(path);
            }
        }
        if (Files.exists(target)) {
            try (DirectoryStream<Path> old = Files.newDirectoryStream(parent, "." + target.getFileName() + ".old-*")) {
                for (Path path : old) {
                    deleteTree(path);
                }
            }
        }
    }

    /** The previous bundle a write moved aside and did not replace (killed between its renames), or null. */
    static Path interruptedPrevious(Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return null;
        }
        try (DirectoryStream<Path> old = Files.newDirectoryStream(parent, "." + target.getFileName() + ".old-*")) {
            for (Path path : old) {
                // Moved aside whole; it is deleted only after the new bundle is in place, so a
                // partly deleted one never stands alone.
                if (Files.isRegularFile(path.resolve(CHECKSUMS))) {
                    return path;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Moves the previous bundle back when a killed write left {@code target} missing. */
    private static void restoreInterrupted(Path target) throws IOException {
        if (!Files.exists(target)) {
            Path previous = interruptedPrevious(target);
            if (previous != null) {
                move(previous, target);
            }
        }
    }
}
