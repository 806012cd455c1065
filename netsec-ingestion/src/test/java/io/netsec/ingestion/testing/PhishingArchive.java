package io.netsec.ingestion.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds, from the shared phisingData.csv, an ARFF file shaped like UCI's "Training Dataset.arff"
 * (nominal attributes such as {@code @attribute having_IP_Address { -1,1 }}, {@code port} instead
 * of {@code port_no}) and a zip holding it, so tests never need the internet.
 */
public final class PhishingArchive {

    public static final String ENTRY = "Training Dataset.arff";
    public static final String CSV_SHA256 = "d2e9db415c1a42e96b13d0bc449411c964872991afcbdaa6f47acbb60372992b";

    private PhishingArchive() {
    }

    public static Path dataDir() {
        return Path.of(System.getProperty("netsec.data.dir", "../../shared/data"));
    }

    public static Path repoDir() {
        return Path.of(System.getProperty("netsec.repo.dir", ".."));
    }

    public static Path schemaFile() {
        return repoDir().resolve("data_schema/phishing.yaml");
    }

    public static Path csv() {
        Path file = dataDir().resolve("phisingData.csv");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("test data not found at " + file.toAbsolutePath()
                    + ": set -Dnetsec.data.dir to the folder holding phisingData.csv");
        }
        return file;
    }

    /** Writes the ARFF version of the shared CSV to {@code arff}. */
    public static Path writeArff(Path arff) throws IOException {
        List<String> lines = Files.readAllLines(csv(), StandardCharsets.UTF_8);
        String[] names = lines.get(0).split(",");
        List<TreeSet<Integer>> values = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            values.add(new TreeSet<>());
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            for (int c = 0; c < cells.length; c++) {
                values.get(c).add(Integer.parseInt(cells[c]));
            }
        }
        try (Writer out = Files.newBufferedWriter(arff, StandardCharsets.UTF_8)) {
            out.write("% Phishing Websites, rebuilt for tests from phisingData.csv\r\n");
            out.write("@relation phishing\r\n\r\n");
            for (int c = 0; c < names.length; c++) {
                String name = names[c].equals("port_no") ? "port" : names[c];
                String declared = values.get(c).stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
                out.write("@attribute " + name + " { " + declared + " }\r\n");
            }
            out.write("\r\n@data\r\n");
            for (String line : lines.subList(1, lines.size())) {
                out.write(line + "\r\n");
            }
        }
        return arff;
    }

    /** Writes a zip holding the ARFF version of the shared CSV as {@value #ENTRY} (plus a second file, as upstream). */
    public static Path writeZip(Path zip) throws IOException {
        Path arff = writeArff(Files.createTempFile(zip.getParent(), "phishing", ".arff"));
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("Phishing Websites Features.txt"));
            out.write("feature descriptions\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry(ENTRY));
            Files.copy(arff, out);
            out.closeEntry();
        } finally {
            Files.delete(arff);
        }
        return zip;
    }

    /** A zip holding {@code text} as its only entry {@code name}. */
    public static Path writeZip(Path zip, String name, String text) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry(name));
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return zip;
    }
}
