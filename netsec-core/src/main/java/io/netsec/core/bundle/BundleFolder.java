package io.netsec.core.bundle;

import io.netsec.core.BoundedRead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A bundle folder as the loader reads it. Every file the bundle names (in
 * {@code checksums.sha256}, or the manifest's model file) must be a plain file name, of a
 * regular file directly inside the folder, or (from format version 3) {@code code/} and a plain
 * file name, of a regular file directly inside the bundle's own {@code code} folder
 * ({@link AttachedFiles}): no absolute path, no {@code ..}, no other folder, no {@code code}
 * folder that is a symbolic link, no symbolic link leading out of the folder it stands in (one
 * to a file beside it is followed), no device, FIFO or socket. Anything else is refused before
 * it is opened, naming the file and never echoing what it holds; a file is read only up to its
 * limit ({@link io.netsec.core.ReadLimits}).
 *
 * <p>The folder itself may be a symbolic link (a user's {@code final_model -> releases/v3}): what
 * counts as inside is its real path.
 */
final class BundleFolder {

    private final Path folder;
    private final Path real;

    private BundleFolder(Path folder, Path real) {
        this.folder = folder;
        this.real = real;
    }

    /** The folder {@code folder}, which must exist and be a folder (the loader checked). */
    static BundleFolder of(Path folder) {
        try {
            return new BundleFolder(folder, folder.toRealPath());
        } catch (IOException e) {
            throw new BundleException(folder, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Where {@code name} is, for messages: under the folder as the user named it. */
    Path pathOf(String name) {
        return folder.resolve(name);
    }

    /**
     * The file {@code name} names, checked as the class says, not yet opened: the path to open.
     *
     * @throws BundleException when the name or the file is refused, or the file is missing
     */
    Path file(String name) {
        if (!AttachedFiles.isBundlePath(name)) {
            throw new BundleException(folder, "the bundle names the file '" + shown(name)
                    + "', which is not a plain file name inside the bundle folder; refused");
        }
        Path path = real.resolve(name);
        Path parent = path.getParent(); // the bundle folder, or its code folder
        try {
            if (!parent.equals(real)) {
                // code/: the bundle's own folder, never a link that could lead anywhere
                Path code = pathOf(AttachedFiles.CODE_FOLDER);
                BasicFileAttributes folderKind = Files.readAttributes(parent, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (folderKind.isSymbolicLink()) {
                    throw new BundleException(code, "is a symbolic link, not a folder of the bundle; refused");
                }
                if (!folderKind.isDirectory()) {
                    throw new BundleException(code, "is not a folder; refused");
                }
            }
            if (Files.isSymbolicLink(path)) {
                path = path.toRealPath();
                if (!parent.equals(path.getParent())) {
                    throw new BundleException(pathOf(name), "is a symbolic link leading out of the bundle folder; refused");
                }
            }
            // its kind from the file system, without opening it: opening a FIFO waits for a writer
            if (!Files.readAttributes(path, BasicFileAttributes.class).isRegularFile()) {
                throw new BundleException(pathOf(name), Files.isDirectory(path) ? "is a folder, not a file; refused"
                        : "is not a regular file (a device, a FIFO or a socket); refused");
            }
        } catch (NoSuchFileException e) {
            throw new BundleException(pathOf(name), "incomplete bundle: the file is missing");
        } catch (IOException e) {
            throw new BundleException(pathOf(name), "cannot be read: " + e.getMessage(), e);
        }
        return path;
    }

    /** The bytes of the checked file {@code name}, at most {@code limit} ({@code setting} raises it). */
    byte[] read(String name, long limit, String setting) {
        return read(name, file(name), limit, setting);
    }

    /** As {@link #read(String, long, String)} for a file {@link #file} has checked already. */
    byte[] read(String name, Path checked, long limit, String setting) {
        try {
            return BoundedRead.regularFile(checked, limit, setting);
        } catch (NoSuchFileException e) {
            throw new BundleException(pathOf(name), "incomplete bundle: the file is missing");
        } catch (BoundedRead.RefusedException e) {
            throw new BundleException(pathOf(name), e.getMessage() + "; refused", e);
        } catch (IOException e) {
            throw new BundleException(pathOf(name), "cannot be read: " + e.getMessage(), e);
        }
    }

    /** A name of one file in this folder: not empty, not "." or "..", no separator, no control character. */
    static boolean isPlainName(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.length() > 255) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    /** A name as a message may show it: control characters as '?', at most 100 characters. */
    static String shown(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < name.length() && i < 100; i++) {
            char c = name.charAt(i);
            shown.append(Character.isISOControl(c) ? '?' : c);
        }
        return name.length() > 100 ? shown + "..." : shown.toString();
    }
}
