package io.netsec.cli;

/** A failure with a message written for the user and its exit code. */
public final class UserFacingException extends RuntimeException {

    private final int exitCode;

    public UserFacingException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserFacingException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
