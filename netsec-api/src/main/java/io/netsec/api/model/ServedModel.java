package io.netsec.api.model;

import io.netsec.core.Detector;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The model being served: a detector over a verified bundle, with where and when it was loaded.
 *
 * @param detector the detector (thread-safe)
 * @param folder   the bundle folder it was loaded from
 * @param loadedAt when it was loaded
 */
public record ServedModel(Detector detector, Path folder, Instant loadedAt) {
}
