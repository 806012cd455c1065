package io.netsec.core.bundle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files a bundle carries for other programs (from format version 3: the MLflow Model files,
 * {@code MLmodel}, {@code model.onnx}, {@code code/netsec_onnx_pyfunc.py} ...). The core lists
 * them in {@code checksums.sha256} and the manifest's {@code files}, verifies them on load and
 * writes them back, but never interprets them: nothing in them changes how netsec scores.
 *
 * <p>A name is a plain file name ({@link BundleFolder#isPlainName}) other than the bundle's own
 * four, or {@value #CODE_FOLDER}{@code /} and a plain file name: the one folder a bundle may
 * hold (MLflow puts a model's {@code code} folder on Python's path). Immutable; kept in the order
 * given, which is the order written.
 */
public final class AttachedFiles {

    /** The one folder a bundle may hold. */
    public static final String CODE_FOLDER = "code";

    private static final AttachedFiles NONE = new AttachedFiles(Map.of());
    private static final List<String> OWN = List.of(ModelBundle.MANIFEST, ModelBundle.MODEL, ModelBundle.SCHEMA,
            ModelBundle.CHECKSUMS);

    private final Map<String, byte[]> files;

    private AttachedFiles(Map<String, byte[]> files) {
        this.files = files;
    }

    /** No files: what a bundle of format version 1 or 2 carries. */
    public static AttachedFiles none() {
        return NONE;
    }

    /**
     * The files {@code files}, by name, in its order (the bytes are copied).
     *
     * @throws IllegalArgumentException when a name is not one a bundle may carry
     */
    public static AttachedFiles of(Map<String, byte[]> files) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        files.forEach((name, bytes) -> {
            if (!isAttachable(name)) {
                throw new IllegalArgumentException("a bundle cannot carry the file '" + BundleFolder.shown(name)
                        + "': a plain file name other than the bundle's own, or " + CODE_FOLDER + "/ and one, is needed");
            }
            copy.put(name, bytes.clone());
        });
        return copy.isEmpty() ? NONE : new AttachedFiles(Collections.unmodifiableMap(copy));
    }

    /**
     * Whether {@code name} is a name a bundle's {@code checksums.sha256} may list: a plain file
     * name, or {@value #CODE_FOLDER}{@code /} and one.
     */
    static boolean isBundlePath(String name) {
        return BundleFolder.isPlainName(name) || inCodeFolder(name);
    }

    /** Whether {@code name} is {@value #CODE_FOLDER}{@code /} and a plain file name. */
    static boolean inCodeFolder(String name) {
        return name != null && name.startsWith(CODE_FOLDER + "/")
                && BundleFolder.isPlainName(name.substring(CODE_FOLDER.length() + 1));
    }

    private static boolean isAttachable(String name) {
        return isBundlePath(name) && !OWN.contains(name);
    }

    /** The names, in order. */
    public List<String> names() {
        return List.copyOf(files.keySet());
    }

    /** The bytes of {@code name} (a copy), or null when there is no such file. */
    public byte[] bytes(String name) {
        byte[] bytes = files.get(name);
        return bytes == null ? null : bytes.clone();
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** The bytes without copying, for the writer. */
    Map<String, byte[]> asMap() {
        return files;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof AttachedFiles that) || !files.keySet().equals(that.files.keySet())) {
            return false;
        }
        return files.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), that.files.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return files.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "AttachedFiles" + files.keySet();
    }
}
