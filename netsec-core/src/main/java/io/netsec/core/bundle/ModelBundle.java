package io.netsec.core.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netsec.core.ReadLimits;
import io.netsec.core.Sha256;
import io.netsec.core.model.ClassModel;
import io.netsec.core.model.PortableModel;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaException;
import io.netsec.core.schema.SchemaLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A self-contained model bundle: a folder with {@code manifest.json}, {@code model.json} (the
 * portable model), {@code schema.yaml} (the schema it was trained with),
 * {@code checksums.sha256} (in {@code sha256sum} format, so {@code sha256sum -c} checks it too)
 * and, from format version 3, files for other programs that the core verifies and writes back
 * but does not read ({@link AttachedFiles}: the MLflow Model files).
 *
 * <p>Loading reads only JSON and YAML into plain values and verifies every checksum and the
 * format version first: it never runs code from the bundle (no Java serialization). It opens only
 * regular files directly inside the folder, each up to a limit ({@link BundleFolder},
 * {@link ReadLimits}), and refuses a model whose values are no probabilities. Writing is
 * atomic: the files go to a temporary folder beside the target, which then replaces it, so a
 * crash leaves the previous bundle whole.
 */
public record ModelBundle(BundleManifest manifest, LoadedSchema schema, PortableModel model, AttachedFiles attached) {

    public static final String MANIFEST = "manifest.json";
    public static final String MODEL = "model.json";
    public static final String SCHEMA = "schema.yaml";
    public static final String CHECKSUMS = "checksums.sha256";
    /** The format version from which a bundle may carry {@link AttachedFiles}. */
    public static final int ATTACHED_FILES_VERSION = 3;
    /** The format version from which a bundle may hold a {@link ClassModel}. */
    public static final int CLASS_MODEL_VERSION = 4;

    /**
     * A bundle of a {@link ClassModel} has format version {@value #CLASS_MODEL_VERSION} at least
     * (raised here when the manifest says less), so that an older netsec refuses it by its version.
     */
    public ModelBundle {
        attached = attached == null ? AttachedFiles.none() : attached;
        if (model instanceof ClassModel && manifest != null && manifest.formatVersion() < CLASS_MODEL_VERSION) {
            manifest = manifest.withFormatVersion(CLASS_MODEL_VERSION);
        }
    }

    /** A bundle of its own files only. */
    public ModelBundle(BundleManifest manifest, LoadedSchema schema, PortableModel model) {
        this(manifest, schema, model, AttachedFiles.none());
    }

    /**
     * This bundle carrying {@code files} instead of the files it carried; with files, its format
     * version is raised to {@value #ATTACHED_FILES_VERSION} (an older netsec refuses it rather
     * than drop them on a write).
     */
    public ModelBundle withAttached(AttachedFiles files) {
        BundleManifest raised = files.isEmpty() || manifest.formatVersion() >= ATTACHED_FILES_VERSION ? manifest
                : manifest.withFormatVersion(ATTACHED_FILES_VERSION);
        return new ModelBundle(raised, schema, model, files);
    }

    /** Loads and verifies the bundle in {@code folder}. */
    public static ModelBundle load(Path folder) {
        if (!Files.exists(folder)) {
            Path previous = FolderSwap.interruptedPrevious(folder);
            if (previous != null) {
                // A write was killed between its two renames: the previous bundle is whole, one name aside.
                return load(previous);
            }
        }
        if (!Files.isDirectory(folder)) {
            String hint = Files.exists(folder) ? "is not a folder" : "no model bundle here (train one with 'netsec train')";
            throw new BundleException(folder, hint);
        }
        BundleFolder files = BundleFolder.of(folder);
        Map<String, String> checksums = readChecksums(files);
        for (String required : new String[] {MANIFEST, MODEL, SCHEMA}) {
            if (!checksums.containsKey(required)) {
                throw new BundleException(files.pathOf(CHECKSUMS), "does not list " + required);
            }
        }
        // Every listed file is checked (a plain file inside the folder) before any is opened.
        Map<String, Path> listed = new LinkedHashMap<>();
        for (String name : checksums.keySet()) {
            listed.put(name, files.file(name));
        }
        // The model file is the largest to parse: read on a thread of its own while this one
        // checks and parses the rest (a cold JVM parses JSON slowly: about half of a command-line
        // start went to the bundle). Its checksum is of the very bytes parsed.
        ModelFileRead modelRead = ModelFileRead.start(files, listed.get(MODEL));
        byte[] manifestBytes = null;
        byte[] schemaBytes = null;
        Map<String, byte[]> others = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : checksums.entrySet()) {
            String name = entry.getKey();
            if (name.equals(MODEL)) {
                modelRead.verify(entry.getValue());
                continue;
            }
            // the bytes checked are the bytes parsed: nothing is read twice
            byte[] bytes = files.read(name, listed.get(name), limitOf(name), settingOf(name));
            checkSum(files.pathOf(name), Sha256.of(bytes), entry.getValue());
            if (name.equals(MANIFEST)) {
                manifestBytes = bytes;
            } else if (name.equals(SCHEMA)) {
                schemaBytes = bytes;
            } else {
                others.put(name, bytes);
            }
        }
        BundleManifest manifest = readJson(files.pathOf(MANIFEST), manifestBytes, "manifest", BundleFiles::manifest);
        if (!BundleManifest.FORMAT.equals(manifest.format())) {
            throw new BundleException(folder.resolve(MANIFEST), "not a NetSec model bundle (format '" + manifest.format() + "')");
        }
        if (!BundleManifest.reads(manifest.formatVersion())) {
            throw new BundleException(folder.resolve(MANIFEST), "bundle format version " + manifest.formatVersion()
                    + " is not supported by this version of netsec (it reads versions " + BundleManifest.OLDEST_FORMAT_VERSION
                    + " to " + BundleManifest.FORMAT_VERSION + ")");
        }
        LoadedSchema schema;
        try {
            schema = SchemaLoader.parse(files.pathOf(SCHEMA).toString(), schemaBytes);
        } catch (SchemaException e) {
            throw new BundleException(folder.resolve(SCHEMA), e.getMessage(), e);
        }
        if (!schema.sha256().equals(manifest.schemaSha256())) {
            throw new BundleException(folder.resolve(SCHEMA), "is not the schema the manifest names (SHA-256 differs)");
        }
        PortableModel model;
        String modelFile = manifest.model().file();
        others.remove(modelFile); // written back as model.json
        if (modelFile.equals(MODEL)) {
            model = modelRead.model();
        } else {
            // another model file: a plain file of this folder whose checksum the bundle lists
            if (!BundleFolder.isPlainName(modelFile)) {
                throw new BundleException(folder.resolve(MANIFEST), "names the model file '" + BundleFolder.shown(modelFile)
                        + "', which is not a plain file name inside the bundle folder; refused");
            }
            String sum = checksums.get(modelFile);
            if (sum == null) {
                throw new BundleException(folder.resolve(MANIFEST), "names the model file '" + BundleFolder.shown(modelFile)
                        + "', which " + CHECKSUMS + " does not list; refused");
            }
            byte[] bytes = files.read(modelFile, ReadLimits.modelFileBytes(), ReadLimits.MODEL_FILE);
            checkSum(files.pathOf(modelFile), Sha256.of(bytes), sum);
            model = readJson(files.pathOf(modelFile), bytes, "model", BundleFiles::model);
        }
        if (model instanceof ClassModel && manifest.formatVersion() < CLASS_MODEL_VERSION) {
            throw new BundleException(folder.resolve(MANIFEST), "says format version " + manifest.formatVersion()
                    + ", but the model tells attack families apart, which needs version " + CLASS_MODEL_VERSION
                    + " (the bundle was changed by hand?); refused");
        }
        ModelBundle bundle = new ModelBundle(manifest, schema, model, AttachedFiles.of(others));
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
     * Stopped midway (Ctrl-C, {@code kill}), the JVM removes the unfinished bundle on its way out
     * ({@link WriteInProgress}).
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
        FolderSwap.restoreInterrupted(target);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path staging = parent.resolve("." + target.getFileName() + ".tmp-" + tag);
        Path previous = parent.resolve("." + target.getFileName() + ".old-" + tag);
        try (WriteInProgress write = WriteInProgress.begin(target, staging, previous)) {
            Files.createDirectory(staging);
            try {
                byte[] modelJson = BundleFiles.modelJson(model);
                byte[] schemaYaml = schema.yaml().getBytes(StandardCharsets.UTF_8);
                Map<String, String> files = new LinkedHashMap<>();
                files.put(MODEL, Sha256.of(modelJson));
                files.put(SCHEMA, Sha256.of(schemaYaml));
                attached.asMap().forEach((name, bytes) -> files.put(name, Sha256.of(bytes)));
                BundleManifest withFiles = new BundleManifest(manifest.format(), manifest.formatVersion(), manifest.createdAt(),
                        manifest.schemaName(), schema.sha256(), manifest.vocabularies(), manifest.transform(),
                        new BundleManifest.ModelInfo(MODEL, manifest.model().family(), manifest.model().parameters(),
                                manifest.model().featureNames()),
                        manifest.threshold(), manifest.metrics(), manifest.training(), files, manifest.reference());
                byte[] manifestJson = BundleFiles.manifestJson(withFiles);
                StringBuilder sums = new StringBuilder(Sha256.of(manifestJson) + "  " + MANIFEST + "\n");
                files.forEach((name, sum) -> sums.append(sum).append("  ").append(name).append('\n'));
                try {
                    FolderSwap.writeDurably(staging.resolve(MODEL), modelJson);
                    FolderSwap.writeDurably(staging.resolve(SCHEMA), schemaYaml);
                    for (Map.Entry<String, byte[]> file : attached.asMap().entrySet()) {
                        Path path = staging.resolve(file.getKey());
                        Files.createDirectories(path.getParent());
                        FolderSwap.writeDurably(path, file.getValue());
                    }
                    FolderSwap.writeDurably(staging.resolve(MANIFEST), manifestJson);
                    FolderSwap.writeDurably(staging.resolve(CHECKSUMS), sums.toString().getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // A full disk says only "No space left on device": name the folder, and that it is unharmed.
                    FileSystemException named = new FileSystemException(folder.toString(), null,
                            "the bundle could not be written (" + e.getMessage() + "); the folder keeps what it had");
                    named.initCause(e);
                    throw named;
                }
                FolderSwap.replace(target, staging, previous);
                return new ModelBundle(withFiles, schema, model, attached);
            } finally {
                FolderSwap.deleteTree(staging);
            }
        }
    }

    /**
     * The checksums file: one line per file, in {@code sha256sum} format, each name a plain file
     * name or {@code code/} and one ({@link BundleFolder} checks the files themselves).
     */
    private static Map<String, String> readChecksums(BundleFolder files) {
        Path file = files.pathOf(CHECKSUMS);
        String text = new String(files.read(CHECKSUMS, ReadLimits.CHECKSUMS_FILE_BYTES, null), StandardCharsets.US_ASCII);
        Map<String, String> sums = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\r?\n", -1)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split("\\s+\\*?", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}") || !AttachedFiles.isBundlePath(parts[1])) {
                throw new BundleException(file, "line " + number + " is not a SHA-256 and a plain file name: '"
                        + BundleFolder.shown(line) + "'");
            }
            sums.put(parts[1], parts[0]);
        }
        return sums;
    }

    /** The most bytes the bundle's file {@code name} may have. */
    private static long limitOf(String name) {
        return name.equals(MANIFEST) ? ReadLimits.manifestFileBytes()
                : name.equals(SCHEMA) ? ReadLimits.schemaFileBytes() : ReadLimits.modelFileBytes();
    }

    private static String settingOf(String name) {
        return name.equals(MANIFEST) ? ReadLimits.MANIFEST_FILE
                : name.equals(SCHEMA) ? ReadLimits.SCHEMA_FILE : ReadLimits.MODEL_FILE;
    }

    static void checkSum(Path file, String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new BundleException(file, "checksum mismatch: the file is corrupt or was changed after training"
                    + " (expected " + expected.substring(0, 12) + "..., found " + actual.substring(0, 12) + "...)");
        }
    }

    /** Reads one JSON file of the bundle ({@link BundleFiles}). */
    interface JsonReader<T> {
        T read(byte[] json) throws IOException;
    }

    static <T> T readJson(Path file, byte[] bytes, String what, JsonReader<T> reader) {
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
        FolderSwap.cleanStale(folder);
    }
}
