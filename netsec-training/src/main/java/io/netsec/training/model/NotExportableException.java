package io.netsec.training.model;

/** Thrown when a trained model cannot be written in the portable format without changing its answers. */
public class NotExportableException extends RuntimeException {

    public NotExportableException(String message) {
        super(message);
    }

    public NotExportableException(String message, Throwable cause) {
        super(message, cause);
    }
}
