package io.netsec.ingestion.synthetic;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.netsec.core.data.CsvOutput;
import io.netsec.core.schema.ColumnRole;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.ColumnType;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.LabelSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Writes a synthetic CSV data set for any schema, row by row (memory does not grow with the
 * row count), the same bytes for the same seed. Every cell obeys its column: an allowed value,
 * or a value within min/max (defaults: 0..1000 for integers, 0..1 for numbers), a made-up
 * category {@code <column>_<k>} for open categorical columns, a unique value for id columns,
 * and, with probability {@code missingRate}, an empty cell in nullable columns.
 *
 * <p>The label is drawn first ({@code threatShare} threats) and the first feature column
 * depends on it: threats lean to the high end of its values, benign rows to the low end (3:1 for
 * a two-valued column), so a model has something to learn. {@code shift} (0..1) moves every
 * feature towards the high end of its values, to make a data set that has drifted.
 *
 * <pre>{@code
 * SyntheticData.of(schema, 42).withMissingRate(0.1).write(10_000, Path.of("fixture.csv"));
 * }</pre>
 *
 * @param schema      the schema the rows follow
 * @param seed        the random seed
 * @param missingRate the share of missing cells in nullable columns, 0..1
 * @param threatShare the share of threat rows, 0..1
 * @param shift       how far features move towards their high end, 0 (not at all) .. 1
 */
public record SyntheticData(DataSchema schema, long seed, double missingRate, double threatShare, double shift) {

    /** Open categorical columns draw from this many made-up categories. */
    static final int OPEN_CATEGORIES = 12;


    public SyntheticData {
        requireShare("missingRate", missingRate);
        requireShare("threatShare", threatShare);
        requireShare("shift", shift);
    }

    /** 5% missing cells in nullable columns, 40% threats, no shift. */
    public static SyntheticData of(DataSchema schema, long seed) {
        return new SyntheticData(schema, seed, 0.05, 0.4, 0);
    }

    public SyntheticData withMissingRate(double rate) {
        return new SyntheticData(schema, seed, rate, threatShare, shift);
    }

    public SyntheticData withThreatShare(double share) {
        return new SyntheticData(schema, seed, missingRate, share, shift);
    }

    public SyntheticData withShift(double amount) {
        return new SyntheticData(schema, seed, missingRate, threatShare, amount);
    }

    /** Writes a header and {@code rows} rows to {@code file}, replacing it. */
    public void write(long rows, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(rows, out, null);
        }
    }

    /**
     * Writes a header and {@code rows} rows as UTF-8 CSV to {@code out} (left open).
     *
     * @param progress told the rows written every 100,000 rows; may be null
     */
    public void write(long rows, OutputStream out, LongConsumer progress) throws IOException {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, got " + rows);
        }
        List<ColumnSpec> columns = schema.columns();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        ColumnDraw[] draws = new ColumnDraw[columns.size()];
        int signal = schema.indexOf(schema.features().get(0).name());
        for (int c = 0; c < columns.size(); c++) {
            draws[c] = new ColumnDraw(columns.get(c), c == signal);
        }
        int labelIndex = schema.labelIndex();
        List<String> threatValues = labelValues(LabelSpec.LabelClass.THREAT);
        List<String> benignValues = labelValues(LabelSpec.LabelClass.BENIGN);
        SplittableRandom random = new SplittableRandom(seed);
        try (SequenceWriter sequence = CsvOutput.rows(writer, columns.stream().map(ColumnSpec::name).toList())) {
            String[] cells = new String[columns.size()];
            for (long row = 1; row <= rows; row++) {
                boolean threat = random.nextDouble() < threatShare;
                List<String> labels = threat ? threatValues : benignValues;
                cells[labelIndex] = labels.get(random.nextInt(labels.size()));
                for (int c = 0; c < columns.size(); c++) {
                    if (c != labelIndex) {
                        cells[c] = draws[c].draw(random, row, threat);
                    }
                }
                sequence.write(cells);
                if (progress != null && row % 100_000 == 0) {
                    progress.accept(row);
                }
            }
        }
        writer.flush();
    }

    /** The label values of one class: the allowed ones of that class, else those the label section lists, else its name. */
    private List<String> labelValues(LabelSpec.LabelClass labelClass) {
        LabelSpec label = schema.label();
        ColumnSpec column = schema.column(label.column());
        List<String> values = new ArrayList<>();
        for (String value : column.allowed()) {
            if (label.classify(value) == labelClass) {
                values.add(value);
            }
        }
        if (values.isEmpty()) {
            values.addAll(labelClass == LabelSpec.LabelClass.THREAT ? label.threat() : label.benign());
        }
        if (values.isEmpty()) {
            values.add(label.nameOf(labelClass));
        }
        return List.copyOf(values);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }

    /** How one column's cells are drawn. */
    private final class ColumnDraw {
        private final ColumnSpec column;
        private final boolean signal;
        private final boolean nullable;
        private final double low;
        private final double high;

        ColumnDraw(ColumnSpec column, boolean signal) {
            this.column = column;
            this.signal = signal;
            this.nullable = column.nullable() && column.role() != ColumnRole.ID;
            this.low = column.min() != null ? column.min() : 0;
            double defaultSpan = column.type() == ColumnType.INTEGER ? 1000 : 1;
            this.high = column.max() != null ? column.max() : Math.max(low, 0) + defaultSpan;
        }

        String draw(SplittableRandom random, long row, boolean threat) {
            // Draw every number every time, so one column's missing cell does not shift the others.
            double u = random.nextDouble();
            boolean missing = random.nextDouble() < missingRate;
            if (nullable && missing) {
                return "";
            }
            if (column.role() == ColumnRole.ID) {
                return column.type().isNumeric() ? Long.toString((long) low + row) : Long.toString(row);
            }
            if (signal) {
                // sqrt(u) leans high, 1 - sqrt(1 - u) leans low: P(upper half) is 3/4 for the matching class.
                u = threat ? Math.sqrt(u) : 1 - Math.sqrt(1 - u);
            }
            if (column.isFeature() && shift > 0) {
                u = Math.pow(u, 1 / (1 + 3 * shift));
            }
            u = Math.min(u, Math.nextDown(1.0));
            if (!column.allowed().isEmpty()) {
                return column.allowed().get((int) (u * column.allowed().size()));
            }
            return switch (column.type()) {
                case INTEGER -> Long.toString((long) Math.min(high, Math.floor(low + u * (Math.floor(high) - low + 1))));
                case NUMBER -> BigDecimal.valueOf(low + u * (high - low)).setScale(4, RoundingMode.HALF_UP)
                        .stripTrailingZeros().toPlainString();
                // u squared: a few categories are common and the rest rare, as services and ports are.
                case CATEGORICAL, STRING -> column.name() + "_" + (int) (u * u * OPEN_CATEGORIES);
            };
        }
    }
}
