package io.netsec.core.stream;

import io.netsec.core.data.CsvOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A block's output rows as bytes: each input row's bytes as they were, then its label cell and
 * probability. A growable buffer, written by one worker.
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

    private final StringBuilder number = new StringBuilder(32);
    private final Labels labels;
    private byte[] bytes;
    private int length;
    private long scored;
    private long threats;

    ScoredRows(byte[] buffer, Labels labels) {
        this.bytes = buffer;
        this.labels = labels;
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
