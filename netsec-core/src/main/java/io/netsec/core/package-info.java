/**
 * The public API for embedding the detector: {@link io.netsec.core.Detector} loads a verified
 * model bundle and scores records ({@link io.netsec.core.Prediction}); the stream drivers in
 * {@link io.netsec.core.stream} score CSV, JSON and record streams with it.
 *
 * <pre>{@code
 * Detector detector = Detector.load(Path.of("final_model"));
 * Prediction p = detector.score(Map.of("SSLfinal_State", -1, "URL_of_Anchor", 0, ...));
 * }</pre>
 *
 * <p>Besides: {@code DetectorReadAhead} (a bundle loaded while an application starts), and the
 * reading limits, checksums and URI masking the other packages and modules share
 * ({@code ReadLimits}, {@code BoundedRead}, {@code Sha256}, {@code CredentialMask}). The types
 * marked deprecated here moved to {@code stream} and {@code engine}; they forward to their new
 * places so that code written against 0.1 compiles.
 */
package io.netsec.core;
