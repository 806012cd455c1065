/**
 * Drivers that score streams over the engine: {@link io.netsec.core.stream.CsvScoring} (a CSV
 * stream into a CSV stream on every core, each record read once: plain ones from their bytes by
 * the engine, others by Jackson), {@link io.netsec.core.stream.JsonRecordScorer} (JSON records
 * and rows straight from a Jackson parser) and {@link io.netsec.core.stream.StreamScoring} (any
 * {@link io.netsec.core.data.RecordSource}, in order, on several cores). They read, hand out work
 * and write; how a record is scored is the engine's.
 */
package io.netsec.core.stream;
