package io.netsec.api.scoring;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.netsec.api.config.NetsecConfig;
import io.netsec.api.model.ModelRegistry;
import io.netsec.api.problem.ApiProblem;
import io.netsec.core.schema.LabelSpec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores uploaded files for the web pages and keeps each result in its own file under a random
 * id, for paging and download. Only the newest {@code netsec.kept-results} results are kept; the
 * files live in a private temporary folder removed at shutdown.
 */
@ApplicationScoped
public class UploadService {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScoringService scoring;
    private final ModelRegistry models;
    private final NetsecConfig config;
    private final Path folder;
    private final Map<String, UploadResult> results = new LinkedHashMap<>();

    public UploadService(ScoringService scoring, ModelRegistry models, NetsecConfig config) throws IOException {
        this.scoring = scoring;
        this.models = models;
        this.config = config;
        this.folder = Files.createTempDirectory("netsec-results");
    }

    /** Scores an uploaded CSV; the result is kept under a fresh id. */
    public UploadResult score(String fileName, InputStream body) throws IOException {
        String id = newId();
        String threatLabel = models.require().detector().schema().label().nameOf(LabelSpec.LabelClass.THREAT);
        // A form part without a file name (a text field named 'file') still names its problems.
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : fileName;
        Path target = folder.resolve(id + ".csv");
        ScoreSummary summary;
        try {
            summary = scoring.scoreCsv(name, body, target, true);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        List<String> columns;
        try (MappingIterator<String[]> rows = CSV.readerFor(String[].class).readValues(target.toFile())) {
            columns = List.of(rows.next());
        }
        UploadResult result = new UploadResult(id, name, target, summary, columns, threatLabel, Instant.now());
        keep(result);
        return result;
    }

    /** The result with {@code id}, or a 404 problem (also for results dropped to make room). */
    public UploadResult find(String id) {
        synchronized (results) {
            return Optional.ofNullable(results.get(id))
                    .orElseThrow(() -> ApiProblem.notFound("no result with this id (results are kept for the newest "
                            + config.keptResults() + " uploads only)"));
        }
    }

    /** Page {@code page} (1-based) of a result; pages past the end show the last one. */
    public ResultPage page(UploadResult result, long page) {
        int size = config.pageSize();
        long rows = result.summary().rows();
        int pages = (int) Math.max(1, (rows + size - 1) / size);
        int shown = (int) Math.min(Math.max(1, page), pages);
        long skip = (long) (shown - 1) * size;
        List<ResultPage.Row> shownRows = new ArrayList<>(size);
        // Re-read from the start: paging is rare and the file is at most the upload limit.
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(result.scored().toFile())) {
            it.next();
            for (long r = 0; r < skip && it.hasNext(); r++) {
                it.next();
            }
            while (it.hasNext() && shownRows.size() < size) {
                String[] row = it.next();
                String label = row[row.length - 2];
                String probability = row[row.length - 1];
                try {
                    probability = String.format(java.util.Locale.ROOT, "%.3f", Double.parseDouble(probability));
                } catch (NumberFormatException keepAsWritten) {
                    // shown as written
                }
                shownRows.add(new ResultPage.Row(skip + shownRows.size() + 1, label.equals(result.threatLabel()), label,
                        probability, Arrays.asList(row).subList(0, row.length - 2)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ResultPage(result, shown, pages, skip + 1, shownRows);
    }

    private void keep(UploadResult result) throws IOException {
        List<UploadResult> dropped = new ArrayList<>();
        synchronized (results) {
            results.put(result.id(), result);
            var it = results.values().iterator();
            while (results.size() - dropped.size() > config.keptResults() && it.hasNext()) {
                dropped.add(it.next());
            }
            dropped.forEach(d -> results.remove(d.id()));
        }
        for (UploadResult old : dropped) {
            Files.deleteIfExists(old.scored());
        }
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @PreDestroy
    void removeFiles() {
        synchronized (results) {
            for (UploadResult result : results.values()) {
                try {
                    Files.deleteIfExists(result.scored());
                } catch (IOException ignored) {
                    // best effort: the folder is in the system's temporary space
                }
            }
            results.clear();
        }
        try {
            Files.deleteIfExists(folder);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
