package io.netsec.ingestion.fetch;

import java.net.URI;
import java.nio.file.Path;

/**
 * What a {@link DatasetDownload} produced.
 *
 * @param path          the CSV file written, in its final place
 * @param rows          the data rows in it (the header does not count)
 * @param sha256        SHA-256 of the CSV file, lower-case hex, e.g. for a training manifest (equal to the
 *                      expected one when the download had one)
 * @param source        where the archive came from
 * @param archiveSha256 SHA-256 of the downloaded archive, lower-case hex (equal to the expected one when the
 *                      download had one; otherwise what a user can record and pass as the expected one later)
 * @param archiveBytes  size of the downloaded archive
 */
public record FetchedDataset(Path path, long rows, String sha256, URI source, String archiveSha256, long archiveBytes) {
}
