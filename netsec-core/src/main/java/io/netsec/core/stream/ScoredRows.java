package io.netsec.core.stream;

import io.netsec.core.data.CsvOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A block's output rows as bytes: each input row's bytes as they were, then its label cell and
 * probability (and, for a family bundle, its family and perhaps each class's probability). A
 * growable buffer, written by one worker.
 */
final class ScoredRows {

    /** The label cells, quoted once as the output needs them. */
    record Labels(byte[] threat, byte[] benign) {
        Labels(String threat, String benign) throws IOException {
            this(cell(threat), cell(benign));
        }

        private static byte[] cell(String label) throws IOException {
            String line = CsvOutput.line(List.of(label));
            return line.substring(0, line.length() - 1).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * The cells a family bundle's rows add: each class's name (quoted once), and whether each
     * class's probability follows it ({@code --probabilities all}).
     */
    record FamilyCells(byte[][] names, boolean probabilities) {
        static FamilyCells of(List<String> classes, boolean probabilities) throws IOException {
            byte[][] names = new byte[classes.size()][];
            for (int k = 0; k < names.length; k++) {
                names[k] = Labels.cell(classes.get(k));
            }
            return new FamilyCells(names, probabilities);
        }
    }

    private final StringBuilder number = new StringBuilder(32);
    private final Labels labels;
    private final FamilyCells families;
    /** Rows per family (class index), for a family bundle's rows. */
    private final long[] familyCounts;
    private byte[] bytes;
    private int length;
    private long scored;
    private long threats;

    ScoredRows(byte[] buffer, Labels labels) {
        this(buffer, labels, null);
    }

    /** The rows of a family bundle: each with its family after the probability (and each class's probability). */
    ScoredRows(byte[] buffer, Labels labels, FamilyCells families) {
        this.bytes = buffer;
        this.labels = labels;
        this.families = families;
        this.familyCounts = families == null ? new long[0] : new long[families.names().length];
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    long scored() {
        return scored;
    }

    long threats() {
        return threats;
    }

    /** The rows of a run of {@code count} records from {@code first}, their probabilities in order. */
    void writeRun(byte[] source, io.netsec.core.data.CsvRecordBounds bounds, int first, int count,
                  double[] probabilities, double threshold) {
        for (int i = 0; i < count; i++) {
            double probability = probabilities[i];
            write(source, bounds.start(first + i), bounds.end(first + i), probability >= threshold, probability);
        }
    }

    /** One output row: the input row's bytes {@code source[from, to)}, the label, the probability. */
    void write(byte[] source, int from, int to, boolean threat, double probability) {
        ensure(to - from);
        System.arraycopy(source, from, bytes, length, to - from);
        length += to - from;
        cell(threat ? labels.threat() : labels.benign());
        probability(probability);
        scored++;
        if (threat) {
            threats++;
        }
    }

    /** Rows per class index: how many rows each family was given (a family bundle's rows; else empty). */
    long[] familyCounts() {
        return familyCounts;
    }

    /**
     * One output row of a family bundle: the input row's bytes, the label, the threat probability,
     * then the family (class {@code family}) and, when asked for, each class's probability.
     */
    void writeFamily(byte[] source, int from, int to, boolean threat, double probability, int family,
                     double[] classProbabilities) {
        ensure(to - from);
        System.arraycopy(source, from, bytes, length, to - from);
        length += to - from;
        cell(threat ? labels.threat() : labels.benign());
        number(probability);
        cell(families.names()[family]);
        if (families.probabilities()) {
            for (double p : classProbabilities) {
                number(p);
            }
        }
        ensure(1);
        bytes[length++] = '\n';
        scored++;
        if (threat) {
            threats++;
        }
        familyCounts[family]++;
    }

    /** A comma and {@code x} as {@link Double#toString(double)} writes it. */
    private void number(double x) {
        StringBuilder text = number;
        text.setLength(0);
        text.append(x);
        int digits = text.length();
        ensure(digits + 1);
        bytes[length++] = ',';
        for (int i = 0; i < digits; i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    private void cell(byte[] cell) {
        ensure(cell.length + 1);
        bytes[length++] = ',';
        System.arraycopy(cell, 0, bytes, length, cell.length);
        length += cell.length;
    }

    private void probability(double probability) {
        // Double.toString's text, written into a reused builder: no String made per row (half the cost)
        StringBuilder text = number;
        text.setLength(0);
        text.append(probability);
        int digits = text.length();
        ensure(digits + 2);
        bytes[length++] = ',';
        for (int i = 0; i < digits; i++) {
            bytes[length++] = (byte) text.charAt(i); // digits, '.', 'E', '-': ASCII
        }
        bytes[length++] = '\n';
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
        }
    }
}
