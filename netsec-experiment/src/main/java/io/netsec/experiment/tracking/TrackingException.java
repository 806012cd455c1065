package io.netsec.experiment.tracking;

/**
 * MLflow could not be reached or refused a call. Training never fails because of it: the record
 * stays pending in the run folder (see {@link RunTracking}).
 */
public final class TrackingException extends RuntimeException {

    public TrackingException(String message) {
        super(message);
    }

    public TrackingException(String message, Throwable cause) {
        super(message, cause);
    }
}
