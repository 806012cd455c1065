package io.netsec.ingestion.fetch;

import io.netsec.core.data.DataException;
import io.netsec.core.data.RecordSource;
import io.netsec.core.schema.DataSchema;
import io.netsec.ingestion.file.ArffRecordSource;
import io.netsec.ingestion.file.CsvExport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What a {@link DatasetDownload} does with the archive once its bytes are on disk: check the
 * archive's checksum, convert its ARFF entry to CSV in the schema's shape, and check the CSV's
 * checksum. Every failure is a {@link DataException} naming the source as messages show it
 * (credentials masked).
 */
final class ArffArchive {

    private final String shownSource;
    private final String entry;
    private final DataSchema schema;

    ArffArchive(String shownSource, String entry, DataSchema schema) {
        this.shownSource = shownSource;
        this.entry = entry;
        this.schema = schema;
    }

    void verifyArchive(String expected, String actual, long bytes) {
        if (actual.equals(expected)) {
            return;
        }
        throw new DataException(shownSource, -1, null, "SHA-256 mismatch: expected " + expected + ", got "
                + actual + " (" + bytes + " bytes); nothing was written. The download is corrupt or the file changed upstream.");
    }

    void verifyCsv(String expected, String actual, long rows, String archiveSha256) {
        if (actual.equals(expected)) {
            return;
        }
        throw new DataException(shownSource, -1, null, "SHA-256 mismatch of the CSV converted from '" + entry
                + "': expected " + expected + ", got " + actual + " (" + rows + " rows; archive SHA-256 "
                + archiveSha256 + "); nothing was written. The data set changed upstream or is not the expected one.");
    }

    /** Writes the ARFF entry of {@code archive} to {@code csv} through {@code digest}; returns the rows. */
    long convert(Path archive, Path csv, MessageDigest digest, FetchProgress progress) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry arffEntry = findEntry(zip);
            String name = shownSource + "!/" + arffEntry.getName();
            progress.report("converting " + arffEntry.getName() + " to CSV");
            try (RecordSource arff = ArffRecordSource.open(name, zip.getInputStream(arffEntry), schema);
                 Writer out = new BufferedWriter(new OutputStreamWriter(
                         new DigestOutputStream(Files.newOutputStream(csv), digest), StandardCharsets.UTF_8), 1 << 16)) {
                if (!arff.header().unexpectedColumns().isEmpty()) {
                    progress.report("leaving out columns the schema does not know: " + arff.header().unexpectedColumns());
                }
                return CsvExport.write(arff, schema, out, rows -> progress.report("converted " + rows + " rows"));
            }
        } catch (ZipException e) {
            throw new DataException(shownSource, -1, null, "the download is not a readable zip archive ("
                    + DatasetDownload.reason(e) + ")", e);
        }
    }

    private ZipEntry findEntry(ZipFile zip) {
        ZipEntry exact = zip.getEntry(entry);
        if (exact != null && !exact.isDirectory()) {
            return exact;
        }
        // Some archives keep their files in a folder; accept the entry there when it is the only one.
        List<String> names = new ArrayList<>();
        List<ZipEntry> matches = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry candidate = entries.nextElement();
            names.add(candidate.getName());
            if (!candidate.isDirectory() && candidate.getName().endsWith("/" + entry)) {
                matches.add(candidate);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new DataException(shownSource, -1, null, "the archive holds no '" + entry + "'"
                + (matches.size() > 1 ? " at its top level but several in folders" : "") + " (it holds " + names + ")");
    }
}
