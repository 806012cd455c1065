package io.netsec.ingestion.fetch;

/**
 * Where a fetch reports what it is doing, one short line at a time (the CLI prints them on
 * stderr). Lines come from the calling thread.
 *
 * <pre>{@code
 * download.run(line -> System.err.println(line));
 * }</pre>
 */
@FunctionalInterface
public interface FetchProgress {

    /** Reports nothing. */
    FetchProgress SILENT = line -> {
    };

    void report(String line);
}
