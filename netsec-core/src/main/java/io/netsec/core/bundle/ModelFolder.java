package io.netsec.core.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one rule for where a model bundle may be written. Writing a bundle replaces its folder
 * whole, so only a folder with nothing to lose may be the target: one that is absent, empty, or
 * holds a NetSec bundle (its manifest says so) and nothing else. A file, a user's folder, the
 * current directory, or the folder of the data being trained on is refused with one line that
 * says what is there and what to choose instead.
 *
 * <pre>{@code
 * ModelFolder.requireReplaceable(Path.of("final_model"));   // before an hour of training, not after
 * }</pre>
 *
 * <p>{@link ModelBundle#writeTo} applies it itself, so no caller can forget it; callers apply it
 * early too, to refuse before the work that leads to the write.
 */
public final class ModelFolder {

    private static final String CHOOSE = "; choose an empty folder or an existing bundle";

    private ModelFolder() {
    }

    /**
     * Checks that writing a bundle to {@code folder} loses nothing.
     *
     * @throws ModelFolderRefusedException when it would
     * @throws IOException                 when the folder cannot be looked at (permission denied, say)
     */
    public static void requireReplaceable(Path folder) throws IOException {
        Path target = folder.toAbsolutePath().normalize(); // what the write replaces ("x/.." is the folder, even with no x)
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return; // absent (or a link to nothing): the write creates it
        }
        if (attributes.isRegularFile()) {
            throw new ModelFolderRefusedException(folder, "is a file, not a model folder: writing a bundle would replace it"
                    + CHOOSE);
        }
        if (!attributes.isDirectory()) {
            throw new ModelFolderRefusedException(folder, "is not a folder (a device, a FIFO or a socket)" + CHOOSE);
        }
        List<String> names = entries(target);
        if (names.isEmpty()) {
            return;
        }
        if (names.contains(ModelBundle.MANIFEST) && saysItIsABundle(target.resolve(ModelBundle.MANIFEST))) {
            Set<String> own = bundleFiles(target);
            List<String> others = new ArrayList<>();
            for (String name : names) {
                boolean bundles = name.equals(AttachedFiles.CODE_FOLDER)
                        ? isOwnCodeFolder(target.resolve(name), own)
                        : own.contains(name) && Files.isRegularFile(target.resolve(name), LinkOption.NOFOLLOW_LINKS);
                if (!bundles) {
                    others.add(name);
                }
            }
            if (others.isEmpty()) {
                return;
            }
            throw new ModelFolderRefusedException(folder, "holds a model bundle and other files (" + some(others)
                    + "): writing a bundle would replace them too; move them away or choose another folder");
        }
        throw new ModelFolderRefusedException(folder, "is not empty and holds no model bundle (" + some(names)
                + "): writing a bundle would replace it" + CHOOSE);
    }

    /**
     * Checks that {@code folder} neither is nor holds {@code data}, the file a bundle is trained
     * on (through links and {@code ..} alike).
     *
     * @throws ModelFolderRefusedException when it is or holds it
     */
    public static void requireApart(Path folder, Path data) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        if (!Files.exists(target) || !Files.exists(data)) {
            return; // an absent folder holds nothing; an absent file is reported by its reader
        }
        Path folderReal = target.toRealPath();
        Path dataReal = data.toRealPath();
        if (dataReal.equals(folderReal)) {
            throw new ModelFolderRefusedException(folder, "is the data being trained on (" + data
                    + "): writing a bundle would replace it; choose another folder");
        }
        if (dataReal.startsWith(folderReal)) {
            throw new ModelFolderRefusedException(folder, "holds the data being trained on (" + data
                    + "): writing a bundle would replace the folder; choose another folder");
        }
    }

    private static List<String> entries(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * Whether {@code manifest} names the bundle format. Only its top-level {@code format} is read,
     * so a bundle whose manifest is damaged elsewhere (or of a newer version) may still be replaced.
     */
    private static boolean saysItIsABundle(Path manifest) {
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (JsonParser parser = BundleJson.MAPPER.getFactory().createParser(manifest.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("format")) {
                    return value == JsonToken.VALUE_STRING && BundleManifest.FORMAT.equals(parser.getText());
                }
                parser.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code code} is the bundle's code folder: a folder (not a link) holding only regular
     * files that the bundle's checksums list ({@code own}), so a write replacing it loses nothing.
     */
    private static boolean isOwnCodeFolder(Path code, Set<String> own) throws IOException {
        if (!Files.isDirectory(code, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        for (String name : entries(code)) {
            if (!own.contains(AttachedFiles.CODE_FOLDER + "/" + name)
                    || !Files.isRegularFile(code.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    /** The files a bundle consists of: the four a write makes, and any other its checksums list. */
    private static Set<String> bundleFiles(Path folder) {
        Set<String> names = new TreeSet<>(Set.of(ModelBundle.MANIFEST, ModelBundle.MODEL, ModelBundle.SCHEMA,
                ModelBundle.CHECKSUMS));
        try {
            for (String line : Files.readAllLines(folder.resolve(ModelBundle.CHECKSUMS), StandardCharsets.ISO_8859_1)) {
                String[] parts = line.trim().split("\\s+\\*?", 2);
                if (parts.length == 2 && AttachedFiles.isBundlePath(parts[1])) {
                    names.add(parts[1]);
                }
            }
        } catch (IOException e) {
            // no readable list: the four files a write makes
        }
        return names;
    }

    /** Up to three names, then how many more. */
    private static String some(List<String> names) {
        int shown = Math.min(3, names.size());
        return String.join(", ", names.subList(0, shown)) + (names.size() > shown ? " and " + (names.size() - shown) + " more" : "");
    }
}
