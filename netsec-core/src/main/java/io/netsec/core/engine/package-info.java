/**
 * The scoring engine, fenced: everything compiled from a loaded model for speed. A
 * {@link io.netsec.core.engine.ScoringEngine} holds the encoder, the fitted transformation and the
 * model compiled by the fastest plan its data allows ({@link io.netsec.core.engine.CompiledModel}:
 * trees padded to one depth and walked in lock step, condition bits, leaf tables, margin
 * tables), and the plan that scores plain CSV records straight from their bytes
 * ({@code ConditionCodes}). Callers take per-thread scorers ({@link io.netsec.core.engine.RowScorer},
 * {@link io.netsec.core.engine.RecordScorer}) and never learn which plan runs: every plan answers
 * what the model's reference walk answers, bit for bit, and is tested against it on the same rows.
 *
 * <p>Every cell reaches a feature through {@link io.netsec.core.data.RowEncoder}; the byte-level
 * plans here are derived from its answers, never rules of their own. The shapes of the hot code
 * (eight trees or rows in lock step, small methods, a run's loops apart) were measured: see
 * BENCHMARKS.md before changing them.
 */
package io.netsec.core.engine;
