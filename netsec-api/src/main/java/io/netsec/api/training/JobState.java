package io.netsec.api.training;

/** Where a training job is in its life. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED
}
