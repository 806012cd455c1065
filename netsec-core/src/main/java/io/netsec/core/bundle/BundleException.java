package io.netsec.core.bundle;

import java.nio.file.Path;

/** A model bundle that is missing, corrupt, tampered with, or of an unknown format version. */
public final class BundleException extends RuntimeException {

    private final Path location;

    public BundleException(Path location, String message) {
        super(location + ": " + message);
        this.location = location;
    }

    public BundleException(Path location, String message, Throwable cause) {
        super(location + ": " + message, cause);
        this.location = location;
    }

    /** The bundle folder or file at fault. */
    public Path location() {
        return location;
    }
}
