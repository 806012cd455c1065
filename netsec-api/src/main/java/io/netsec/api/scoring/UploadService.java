package io.netsec.api.scoring;

import io.netsec.api.config.NetsecConfig;
import io.netsec.api.problem.ApiProblem;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores uploaded files for the web pages, through the same driver as {@code /api/v1/predict/csv}
 * ({@link ScoringService#scoreCsv}), once: the predictions are kept under a random id
 * ({@link KeptPredictions}, on disk) and every page and the download are read from them. Only
 * the newest {@code netsec.kept-results} results are kept; the files live in a private temporary
 * folder removed at shutdown.
 */
@ApplicationScoped
public class UploadService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ScoringService scoring;
    private final NetsecConfig config;
    private final Path folder;
    private final Map<String, UploadResult> results = new LinkedHashMap<>();

    public UploadService(ScoringService scoring, NetsecConfig config) throws IOException {
        this.scoring = scoring;
        this.config = config;
        this.folder = Files.createTempDirectory("netsec-results");
    }

    /** Scores an uploaded CSV; the result is kept under a fresh id. */
    public UploadResult score(String fileName, InputStream body) throws IOException {
        String id = newId();
        // A form part without a file name (a text field named 'file') still names its problems.
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : fileName;
        KeptPredictions.Writer writer = KeptPredictions.writer(folder.resolve(id + ".rows.csv"),
                folder.resolve(id + ".predictions"));
        ScoreSummary summary;
        KeptPredictions kept;
        try {
            summary = scoring.scoreCsv(name, body, writer::open);
            kept = writer.kept();
            if (kept.rows() != summary.rows()) {
                throw new IllegalStateException("kept " + kept.rows() + " of " + summary.rows() + " scored rows");
            }
        } catch (RuntimeException | IOException e) {
            writer.discard();
            throw e;
        }
        UploadResult result = new UploadResult(id, name, kept, summary, Instant.now());
        keep(result);
        return result;
    }

    /** The result with {@code id}, or a 404 problem (also for results dropped to make room). */
    public UploadResult find(String id) {
        synchronized (results) {
            return Optional.ofNullable(results.get(id)).orElseThrow(this::dropped);
        }
    }

    private ApiProblem dropped() {
        return ApiProblem.notFound("no result with this id (results are kept for the newest "
                + config.keptResults() + " uploads only)");
    }

    /** Page {@code page} (1-based) of a result; pages past the end show the last one. */
    public ResultPage page(UploadResult result, long page) {
        int size = config.pageSize();
        long rows = result.summary().rows();
        int pages = (int) Math.max(1, (rows + size - 1) / size);
        int shown = (int) Math.min(Math.max(1, page), pages);
        long skip = (long) (shown - 1) * size;
        List<ResultPage.Row> shownRows = new ArrayList<>(size);
        try (KeptPredictions.Reader reader = result.predictions().read(skip)) {
            for (ScoredRow row; shownRows.size() < size && (row = reader.next()) != null; ) {
                shownRows.add(ResultPage.Row.of(row));
            }
        } catch (NoSuchFileException e) {
            throw dropped(); // dropped to make room since it was found
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ResultPage(result, shown, pages, skip + 1, shownRows);
    }

    /** Writes a result's download: every row as scored, formula-like cells neutralised ({@link SpreadsheetCsv}). */
    public void download(UploadResult result, OutputStream out) throws IOException {
        SpreadsheetCsv.write(result.predictions(), out);
    }

    /** Where the kept files are (for tests: what a failed or dropped upload leaves). */
    Path folder() {
        return folder;
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
            old.predictions().delete();
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
                    result.predictions().delete();
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
