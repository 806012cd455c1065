package io.netsec.core.validate;

import io.netsec.core.Sha256;
import io.netsec.core.data.DatasetReader;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RecordSource;
import io.netsec.core.data.RowEncoder;
import io.netsec.core.data.TableHeader;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.LabelSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a whole data set against its schema and says what it really holds: every cell that
 * breaks the schema (the first ones listed, all counted), missing values, exact duplicates,
 * feature vectors seen with both classes, the class balance and, given a reference, drift.
 *
 * <p>The source is streamed once. Memory grows with the number of distinct rows only: each row
 * is kept as a 128-bit fingerprint (the first half of the SHA-256 of its cells), never as text.
 * A malformed CSV line or bytes that are not UTF-8 stop the reader, and so the validation, with
 * a {@link io.netsec.core.data.DataException} naming the row.
 *
 * <pre>{@code
 * try (RecordSource source = CsvRecordSource.open(Path.of("data.csv"), schema)) {
 *     ValidationReport report = new Validator().validate(source, schema, ValidationOptions.DEFAULTS);
 *     System.out.println(report.valid() + " " + report.conflicts().conflictingVectors());
 * }
 * }</pre>
 */
public final class Validator {

    private static final int THREAT_SEEN = 1;
    private static final int BENIGN_SEEN = 2;

    /** Validates every record of {@code source}; the source is read to its end but not closed. */
    public ValidationReport validate(RecordSource source, DataSchema schema, ValidationOptions options)
            throws IOException {
        return new Run(source, schema, options).execute();
    }

    /** The state of one validation; a new one per call keeps {@link Validator} free to share. */
    private static final class Run {

        private final RecordSource source;
        private final DataSchema schema;
        private final ValidationOptions options;
        private final TableHeader header;
        private final List<CellRule> rules = new ArrayList<>();
        private final int[] sourceIndex;
        private final int[] featureColumns;
        private final int labelColumn;
        private final RowEncoder labels;
        private final long[] missing;
        private final long[][] counts;
        private final List<CellIssue> samples = new ArrayList<>();
        private final FingerprintTable rows = new FingerprintTable();
        private final FingerprintTable vectors = new FingerprintTable();
        private final MessageDigest digest = Sha256.newDigest();
        private final DataProfile.Collector profile;
        private long problemCount;
        private long threat;
        private long benign;
        private long unlabelled;

        Run(RecordSource source, DataSchema schema, ValidationOptions options) {
            this.source = source;
            this.schema = schema;
            this.options = options;
            this.header = source.header();
            List<ColumnSpec> columns = schema.columns();
            this.sourceIndex = new int[columns.size()];
            for (int c = 0; c < columns.size(); c++) {
                rules.add(new CellRule(schema, columns.get(c)));
                sourceIndex[c] = header.sourceIndex(c);
            }
            this.featureColumns = java.util.stream.IntStream.range(0, columns.size())
                    .filter(c -> columns.get(c).isFeature() && sourceIndex[c] >= 0)
                    .toArray();
            this.labelColumn = sourceIndex[schema.labelIndex()] >= 0 ? schema.labelIndex() : -1;
            this.labels = RowEncoder.frozen(schema, schema.features().stream().map(ColumnSpec::allowed).toList());
            this.missing = new long[columns.size()];
            // One row per schema column plus a last one for faults of whole rows.
            this.counts = new long[columns.size() + 1][ProblemKind.values().length];
            this.profile = options.reference() == null ? null : new DataProfile.Collector(schema, header);
        }

        ValidationReport execute() throws IOException {
            int width = header.sourceColumns().size();
            long read = 0;
            for (RawRecord record; (record = source.next()) != null; ) {
                read++;
                if (profile != null) {
                    profile.accept(record);
                }
                if (record.cells().length != width) {
                    // Its cells cannot be told apart, so the row is reported once and not looked into.
                    report(record, rules.size(), null, record.cells().length + " cells, the header has " + width,
                            ProblemKind.RAGGED_ROW);
                } else {
                    check(record);
                }
                if (options.progress() != null && read % ValidationOptions.PROGRESS_EVERY == 0) {
                    options.progress().accept(read);
                }
            }
            if (options.progress() != null && read % ValidationOptions.PROGRESS_EVERY != 0) {
                options.progress().accept(read);
            }
            ValidationReport report = new ValidationReport(source.name(), schema.name(),
                    header.missingColumns().isEmpty() && problemCount == 0, read,
                    header.missingColumns(), header.unexpectedColumns(), problemCount, samples, problemCounts(),
                    missingValues(), new DuplicateSummary(read - countRagged() - rows.size(), rows.size()),
                    conflicts(), ClassBalance.of(threat, benign, unlabelled), null);
            if (profile != null) {
                DriftReport drift = new DriftDetector().compare(options.reference(), profile.finish(source.name()),
                        options.driftSettings() == null ? schema.drift() : options.driftSettings());
                report = report.withDrift(drift);
            }
            return report;
        }

        private void check(RawRecord record) {
            for (int c = 0; c < rules.size(); c++) {
                if (sourceIndex[c] < 0) {
                    continue;
                }
                String cell = record.cell(sourceIndex[c]);
                CellRule rule = rules.get(c);
                if (rule.isMissing(cell)) {
                    missing[c]++;
                }
                ProblemKind kind = rule.check(cell);
                if (kind == null && c == labelColumn && !rule.isMissing(cell) && labels.labelOf(cell) == null) {
                    kind = ProblemKind.UNKNOWN_LABEL;
                }
                if (kind != null) {
                    report(record, c, rule.column().name(), DatasetReader.abbreviate(cell), kind);
                }
            }
            LabelSpec.LabelClass labelClass = labelColumn < 0 ? null : labels.labelOf(record.cell(sourceIndex[labelColumn]));
            int flag = 0;
            if (labelClass == LabelSpec.LabelClass.THREAT) {
                threat++;
                flag = THREAT_SEEN;
            } else if (labelClass == LabelSpec.LabelClass.BENIGN) {
                benign++;
                flag = BENIGN_SEEN;
            } else {
                unlabelled++;
            }
            fingerprint(record, flag);
        }

        /** Adds the row's feature vector, and the vector with its label, to the fingerprint tables. */
        private void fingerprint(RawRecord record, int labelFlag) {
            for (int c : featureColumns) {
                feed(record.cell(sourceIndex[c]));
            }
            byte[] features = digest.digest();
            ByteBuffer vector = ByteBuffer.wrap(features);
            vectors.add(vector.getLong(), vector.getLong(), labelFlag);
            digest.update(features);
            feed(labelColumn < 0 ? null : record.cell(sourceIndex[labelColumn]));
            ByteBuffer row = ByteBuffer.wrap(digest.digest());
            rows.add(row.getLong(), row.getLong(), 0);
        }

        /** Feeds one cell, length first so that ("ab","c") and ("a","bc") differ; every missing marker is one value. */
        private void feed(String cell) {
            if (schema.isMissing(cell)) {
                digest.update(new byte[] {-1, -1, -1, -1});
                return;
            }
            byte[] bytes = cell.trim().getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            digest.update(bytes);
        }

        private void report(RawRecord record, int column, String columnName, String value, ProblemKind kind) {
            problemCount++;
            counts[column][kind.ordinal()]++;
            if (samples.size() < options.maxProblems()) {
                String problem = columnName == null ? "the row has " + value : kind.description() + ": '" + value + "'";
                samples.add(new CellIssue(record.row(), record.documentId(), columnName, value, kind, problem));
            }
        }

        private long countRagged() {
            return counts[rules.size()][ProblemKind.RAGGED_ROW.ordinal()];
        }

        private List<ProblemCount> problemCounts() {
            List<ProblemCount> list = new ArrayList<>();
            for (int c = 0; c < counts.length; c++) {
                String name = c < rules.size() ? rules.get(c).column().name() : null;
                for (ProblemKind kind : ProblemKind.values()) {
                    if (counts[c][kind.ordinal()] > 0) {
                        list.add(new ProblemCount(name, kind, counts[c][kind.ordinal()]));
                    }
                }
            }
            return list;
        }

        private Map<String, Long> missingValues() {
            Map<String, Long> map = new LinkedHashMap<>();
            for (int c = 0; c < rules.size(); c++) {
                if (sourceIndex[c] >= 0) {
                    map.put(rules.get(c).column().name(), missing[c]);
                }
            }
            return map;
        }

        private ConflictSummary conflicts() {
            long[] both = vectors.countWithFlags(THREAT_SEEN | BENIGN_SEEN);
            return new ConflictSummary(vectors.size(), both[0], both[1]);
        }
    }
}
