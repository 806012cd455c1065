package io.netsec.onnx;

import io.netsec.core.Detector;
import io.netsec.core.engine.RecordScorer;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.TableHeader;
import io.netsec.core.schema.CellParser;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a CSV file, scored two ways: by netsec-core (the same scorer as {@code netsec
 * predict}) and fed to an exported model as a user would feed them, a column per input: an
 * integer column's cells as int64 ({@link OnnxExport#INT64_MISSING} where the cell is no
 * integer: missing), a number column's as double (NaN where missing), a categorical column's
 * texts as they are, without surrounding white space (so a missing-value text stays one).
 */
record ScoringRows(String source, TableHeader header, List<RawRecord> records) {

    static ScoringRows read(Path csv, DataSchema schema) throws IOException {
        try (CsvRecordSource in = CsvRecordSource.open(csv, schema)) {
            List<RawRecord> records = new ArrayList<>();
            for (RawRecord record; (record = in.next()) != null; ) {
                records.add(record);
            }
            return new ScoringRows(csv.getFileName().toString(), in.header(), List.copyOf(records));
        }
    }

    int size() {
        return records.size();
    }

    /** netsec-core's threat probability of every row. */
    double[] netsec(Detector detector) {
        RecordScorer scorer = detector.recordScorer(header);
        double[] probabilities = new double[records.size()];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = scorer.probability(records.get(i));
        }
        return probabilities;
    }

    /**
     * netsec-core's score before the link function of every row, for a margin model: the
     * rows encoded and transformed as the bundle does, then {@code TreeEnsemble.rawScore} (the
     * float32 sum of boosted trees) or {@code LinearModel.margin}.
     */
    double[] netsecMargins(io.netsec.core.bundle.ModelBundle bundle) {
        return netsecMargins(bundle, false);
    }

    /**
     * As {@link #netsecMargins(io.netsec.core.bundle.ModelBundle)}, with every number column's
     * value first rounded to float when {@code floatInputs}: what a graph with float inputs would
     * compute.
     */
    double[] netsecMargins(io.netsec.core.bundle.ModelBundle bundle, boolean floatInputs) {
        io.netsec.core.data.RowEncoder encoder = io.netsec.core.data.RowEncoder.frozen(bundle.schema().schema(),
                bundle.manifest().vocabularies());
        double[] margins = new double[records.size()];
        double[] raw = new double[encoder.features().size()];
        for (int i = 0; i < margins.length; i++) {
            for (int f = 0; f < raw.length; f++) {
                encoder.encodeCell(f, records.get(i).cell(header.sourceIndex(encoder.schemaIndexOfFeature(f))), raw);
                if (floatInputs && encoder.features().get(f).type() == io.netsec.core.schema.ColumnType.NUMBER) {
                    raw[f] = (float) raw[f];
                }
            }
            double[] x = bundle.manifest().transform().apply(raw);
            margins[i] = switch (bundle.model()) {
                case io.netsec.core.model.TreeEnsemble trees -> trees.rawScore(x);
                case io.netsec.core.model.LinearModel linear -> linear.margin(x);
                case io.netsec.core.model.ClassModel classes -> throw new IllegalArgumentException("no ONNX export of class models");
            };
        }
        return margins;
    }

    /** The rows as the exported model's inputs, from row {@code from} (inclusive) to {@code to} (exclusive). */
    Map<String, Object> columns(DataSchema schema, int from, int to) {
        Map<String, Object> columns = new LinkedHashMap<>();
        int n = to - from;
        for (ColumnSpec column : schema.features()) {
            int source = header.sourceIndex(schema.indexOf(column.name()));
            switch (column.type()) {
                case INTEGER -> {
                    long[] values = new long[n];
                    for (int i = 0; i < n; i++) {
                        Long value = CellParser.parseInteger(cell(from + i, source));
                        values[i] = value == null ? OnnxExport.INT64_MISSING : value;
                    }
                    columns.put(column.name(), values);
                }
                case NUMBER -> {
                    double[] values = new double[n];
                    for (int i = 0; i < n; i++) {
                        Double value = CellParser.parseNumber(cell(from + i, source));
                        values[i] = value == null ? Double.NaN : value;
                    }
                    columns.put(column.name(), values);
                }
                default -> {
                    String[] values = new String[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = cell(from + i, source).strip();
                    }
                    columns.put(column.name(), values);
                }
            }
        }
        return columns;
    }

    Map<String, Object> columns(DataSchema schema) {
        return columns(schema, 0, records.size());
    }

    private String cell(int row, int source) {
        String cell = records.get(row).cell(source);
        return cell == null ? "" : cell;
    }
}
