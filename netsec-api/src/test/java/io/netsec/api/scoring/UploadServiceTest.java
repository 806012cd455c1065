package io.netsec.api.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netsec.api.TestModel;
import io.netsec.api.config.NetsecConfig;
import io.netsec.api.model.ModelRegistry;
import io.netsec.api.problem.ApiProblem;
import io.netsec.api.problem.Problem;
import io.netsec.core.Detector;
import io.netsec.core.data.CsvOutput;
import io.netsec.core.data.DataException;
import io.netsec.core.data.TableHeader;
import io.quarkus.runtime.configuration.MemorySize;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upload page's rows and download come from one scoring by the driver of
 * {@code /api/v1/predict/csv}: the same predictions and problems for the same bytes, nothing
 * scored again to show a page or to download, and only the newest results kept on disk.
 */
class UploadServiceTest {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
    private static final int PAGE = 50;
    private static Detector detector;
    private static byte[] mixed;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ScoringService scoring;
    private UploadService uploads;

    @BeforeAll
    static void model() throws IOException {
        detector = Detector.of(TestModel.bundle());
        // 3,000 rows, so that pages lie past the kept offsets (every 1,024 rows); the extra
        // column's cells are quoted, span lines, look like formulas or are not ASCII; some
        // lines end in CRLF and blank lines lie between rows.
        List<String> lines = Files.readAllLines(TestModel.sample(3000));
        String[] notes = {"plain", "\"a,b\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "=1+1", "+cmd", "-2+3", "@SUM(A1)",
            "\"\t=1\"", "caf\u00e9", "\ud83d\ude00", "  spaced  ", "", "ab\"c", "-1", "1e5", "'x", "\"\"", "<b>x</b>"};
        StringBuilder csv = new StringBuilder("\uFEFF").append(lines.get(0)).append(",note\n");
        for (int i = 1; i < lines.size(); i++) {
            csv.append(lines.get(i)).append(',').append(notes[i % notes.length]).append(i % 7 == 0 ? "\r\n" : "\n");
            if (i % 500 == 0) {
                csv.append('\n');
            }
        }
        mixed = csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void start(int keptResults) throws IOException {
        NetsecConfig config = config(keptResults);
        ModelRegistry models = new ModelRegistry(config);
        models.replace(detector, Path.of("target"));
        scoring = new ScoringService(models, config, meters, new io.netsec.api.drift.DriftMonitor(models, config, meters));
        uploads = new UploadService(scoring, config);
    }

    @AfterEach
    void removeFiles() {
        if (uploads != null) {
            uploads.removeFiles();
        }
    }

    private double scored() {
        return meters.get("netsec.predictions").counter().count();
    }

    /** What {@code /api/v1/predict/csv} answers for {@code csv}. */
    private byte[] csvApi(byte[] csv) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        scoring.scoreCsv("body", new ByteArrayInputStream(csv), (d, h) -> out);
        return out.toByteArray();
    }

    private static List<String[]> rowsOf(byte[] csv) throws IOException {
        try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(csv)) {
            return rows.readAll();
        }
    }

    @Test
    void thePagesAndTheDownloadAreTheRowsOfOneScoringAndEqualTheCsvApis() throws IOException {
        start(20);
        List<String[]> api = rowsOf(csvApi(mixed));
        double before = scored();
        UploadResult result = uploads.score("mixed.csv", new ByteArrayInputStream(mixed));
        assertEquals(api.size() - 1, scored() - before, "one scoring of every row");
        assertEquals(3000, result.summary().rows());

        String threatLabel = detector.predictionOf(1).label();
        int pages = 3000 / PAGE;
        for (int p = 1; p <= pages + 1; p++) { // one past the end shows the last
            ResultPage page = uploads.page(result, p);
            assertEquals(Math.min(p, pages), page.page());
            assertEquals(Arrays.asList(api.get(0)).subList(0, api.get(0).length - 2), page.inputColumns());
            for (ResultPage.Row row : page.rows()) {
                String[] expected = api.get((int) row.number());
                String label = expected[expected.length - 2];
                assertEquals(label, row.prediction(), "row " + row.number());
                assertEquals(label.equals(threatLabel), row.threat(), "row " + row.number());
                assertEquals(String.format(Locale.ROOT, "%.3f", Double.parseDouble(expected[expected.length - 1])),
                        row.probability(), "row " + row.number());
                assertEquals(Arrays.asList(expected).subList(0, expected.length - 2), row.cells(), "row " + row.number());
            }
        }

        // The download is what the page used to write: the CSV API's rows, formula-like cells neutralised.
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (Writer text = new OutputStreamWriter(expected, StandardCharsets.UTF_8);
             SequenceWriter rows = CsvOutput.rows(text, Arrays.asList(SpreadsheetCsv.neutralised(api.get(0).clone())))) {
            for (String[] row : api.subList(1, api.size())) {
                rows.write(SpreadsheetCsv.neutralised(row.clone()));
            }
        }
        ByteArrayOutputStream download = new ByteArrayOutputStream();
        uploads.download(result, download);
        assertArrayEquals(expected.toByteArray(), download.toByteArray(),
                () -> "the download:\n" + download.toString(StandardCharsets.UTF_8).substring(0, 2000));
        assertTrue(download.toString(StandardCharsets.UTF_8).contains(",'=1+1,"));
        assertEquals(api.size() - 1, scored() - before, "pages and downloads score nothing");
    }

    @Test
    void theKeptRowsDoNotDependOnHowTheDriverCutsWhatItWrites() throws IOException {
        start(20);
        byte[] scored = csvApi(mixed);
        List<String> columns = Arrays.asList(rowsOf(scored).get(0));
        TableHeader header = TableHeader.match("body", columns.subList(0, columns.size() - 2), detector.schema());
        List<String> reference = null;
        Random random = new Random(7);
        for (int chunk : new int[] {1 << 20, 1, 3, 1000, 0}) {
            Path folder = Files.createTempDirectory("kept-");
            KeptPredictions.Writer writer = KeptPredictions.writer(folder.resolve("rows.csv"), folder.resolve("predictions"));
            try (var out = writer.open(detector, header)) {
                for (int at = 0; at < scored.length; ) {
                    int length = Math.min(scored.length - at, chunk > 0 ? chunk : 1 + random.nextInt(5000));
                    out.write(scored, at, length);
                    at += length;
                }
            }
            KeptPredictions kept = writer.kept();
            List<String> rows = new ArrayList<>();
            try (KeptPredictions.Reader reader = kept.read(0)) {
                for (ScoredRow row; (row = reader.next()) != null; ) {
                    rows.add(row.toString());
                }
            }
            assertEquals(3000, rows.size(), "chunks of " + chunk);
            if (reference == null) {
                reference = rows;
            }
            assertEquals(reference, rows, "chunks of " + chunk);
            kept.delete();
            Files.delete(folder);
        }
    }

    @Test
    void aScoredRowWhoseLabelIsNotTheModelsIsRefused() throws IOException {
        start(20);
        String header = sampleLine(0);
        byte[] scored = csvApi((header + "\n" + sampleLine(1) + "\n").getBytes(StandardCharsets.UTF_8));
        String[] row = rowsOf(scored).get(1);
        String probability = row[row.length - 1];
        String label = row[row.length - 2];
        String other = detector.predictionOf(1).label().equals(label) ? detector.predictionOf(0).label() : detector.predictionOf(1).label();
        String tampered = new String(scored, StandardCharsets.UTF_8)
                .replace("," + label + "," + probability + "\n", "," + other + "," + probability + "\n");
        Path folder = Files.createTempDirectory("kept-");
        KeptPredictions.Writer writer = KeptPredictions.writer(folder.resolve("rows.csv"), folder.resolve("predictions"));
        TableHeader matched = TableHeader.match("body", List.of(header.split(",")), detector.schema());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> {
            try (var out = writer.open(detector, matched)) {
                out.write(tampered.getBytes(StandardCharsets.UTF_8));
            }
        });
        assertTrue(refused.getMessage().contains("row 1"), refused.getMessage());
        writer.discard();
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(0, left.count());
        }
        Files.delete(folder);
    }

    /** Line {@code i} of the phishing sample (0: the header). */
    private static String sampleLine(int i) throws IOException {
        return Files.readAllLines(TestModel.sample(1)).get(i);
    }

    @Test
    void badUploadsGetTheCsvApisProblemsAndLeaveNoFile() throws IOException {
        start(20);
        String header = sampleLine(0);
        String row = sampleLine(1);
        List<byte[]> bad = List.of(
                (header + "\n" + row + "\n\"\"\n").getBytes(StandardCharsets.UTF_8), // one empty cell is a row, not a blank line
                (header + "\n" + row + ",1\n").getBytes(StandardCharsets.UTF_8),
                (header + "\n\"" + row + "\n").getBytes(StandardCharsets.UTF_8),
                (header + "\n").getBytes(StandardCharsets.UTF_8),
                new byte[0],
                (header + "\n" + row.replaceFirst("^-?1", "caf\u00e9") + "\n").getBytes(StandardCharsets.ISO_8859_1),
                (header + "\n" + row.replaceFirst("^-?1", "\"x\ny\"") + "\n").getBytes(StandardCharsets.UTF_8),
                new byte[] {'P', 'K', 3, 4, 0, 0},
                (header.replace(",", ";") + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8));
        for (byte[] body : bad) {
            String what = new String(body, 0, Math.min(body.length, 60), StandardCharsets.UTF_8) + "...";
            Problem api = problemOf(() -> csvApi(body));
            Problem upload = problemOf(() -> uploads.score("body", new ByteArrayInputStream(body)));
            assertEquals(api, upload, what);
            assertTrue(api.status() >= 400 && api.status() < 500, what + ": " + api);
        }
        try (Stream<Path> left = Files.list(uploads.folder())) {
            assertEquals(List.of(), left.toList(), "a refused upload leaves no file");
        }
    }

    private interface Call {
        Object run() throws IOException;
    }

    private static Problem problemOf(Call call) {
        try {
            call.run();
        } catch (ApiProblem e) {
            return e.problem();
        } catch (DataException e) {
            return ApiProblem.invalidData(e).problem();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("accepted");
    }

    @Test
    void onlyTheNewestResultsAreKeptAndADroppedOnesFilesAreRemoved() throws IOException {
        start(2);
        byte[] csv = Files.readAllBytes(TestModel.sample(10));
        UploadResult first = uploads.score("1.csv", new ByteArrayInputStream(csv));
        UploadResult second = uploads.score("2.csv", new ByteArrayInputStream(csv));
        UploadResult third = uploads.score("3.csv", new ByteArrayInputStream(csv));
        ApiProblem gone = assertThrows(ApiProblem.class, () -> uploads.find(first.id()));
        assertEquals(404, gone.problem().status());
        assertEquals(404, assertThrows(ApiProblem.class, () -> uploads.page(first, 1)).problem().status(),
                "a page of a result dropped after it was found");
        assertThrows(NoSuchFileException.class, () -> first.predictions().read(0));
        assertEquals(10, uploads.page(uploads.find(second.id()), 1).rows().size());
        assertEquals(10, uploads.page(uploads.find(third.id()), 1).rows().size());
        try (Stream<Path> kept = Files.list(uploads.folder())) {
            assertEquals(4, kept.count(), "two files for each of the two kept results");
        }
        uploads.removeFiles();
        assertTrue(Files.notExists(uploads.folder()), "the folder goes at shutdown");
        uploads = null;
    }

    /** A config with the defaults of NetsecConfig (the test profile's rows and upload limit), kept results replaced. */
    private static NetsecConfig config(int keptResults) {
        Map<String, Object> values = Map.of("pageSize", PAGE, "keptResults", keptResults, "rows", 5_000L, "records", 1_000,
                "columns", 10_000, "jsonDepth", 32, "uploadLimit", new MemorySize(BigInteger.valueOf(3 << 20)),
                "windowRows", 10_000, "buckets", 20, "queue", 16);
        return (NetsecConfig) Proxy.newProxyInstance(NetsecConfig.class.getClassLoader(),
                new Class<?>[] {NetsecConfig.class, NetsecConfig.Limits.class, NetsecConfig.Drift.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "limits", "drift" -> proxy;
                    case "windowDuration" -> java.util.Optional.empty();
                    case "threatShareMax" -> java.util.OptionalDouble.empty();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "config";
                    default -> values.get(method.getName());
                });
    }
}
