/**
 * One declaration per field of the files netsec reads and writes (a bundle's manifest and model,
 * a schema): a {@link io.netsec.core.format.RecordFormat} names each field of a record once,
 * with its {@link io.netsec.core.format.ValueFormat} and the record's accessor, and the same
 * declaration reads the record from Jackson's streaming parser and writes it to its generator.
 * A {@link io.netsec.core.format.FormatReader} holds the rules of one kind of file (how strictly
 * scalars are read, what an unknown field means, how faults are worded).
 *
 * <p>Not Jackson's mapper: building one and introspecting the records cost a cold JVM a few
 * tenths of a second of CPU, on the path of every command-line start and the API's (measured in
 * BENCHMARKS.md). Internal to netsec: not part of the embedding API.
 */
package io.netsec.core.format;
