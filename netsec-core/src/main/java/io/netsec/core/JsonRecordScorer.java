package io.netsec.core;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.List;

/**
 * Scores JSON records read straight from a Jackson parser.
 *
 * @deprecated moved to {@link io.netsec.core.stream.JsonRecordScorer} (take one with
 *             {@code JsonRecordScorer.of(detector)}); this forwarder, which {@link Detector#jsonScorer}
 *             still returns, keeps code written against 0.1 compiling
 */
@Deprecated(forRemoval = true)
public final class JsonRecordScorer {

    /** A record that needs {@link Detector#score(java.util.Map)}; nothing is wrong with it. */
    public static final class NotPlain extends RuntimeException {
        private NotPlain() {
            super("the record needs the map path", null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();

    /** As {@link io.netsec.core.stream.JsonRecordScorer.RowLayout}. */
    public record RowLayout(int[] featureOfPosition, int[] absent) {
    }

    private final io.netsec.core.stream.JsonRecordScorer scorer;

    JsonRecordScorer(io.netsec.core.stream.JsonRecordScorer scorer) {
        this.scorer = scorer;
    }

    /** As {@link io.netsec.core.stream.JsonRecordScorer#probability}. */
    public double probability(JsonParser parser, String source) throws IOException {
        try {
            return scorer.probability(parser, source);
        } catch (io.netsec.core.stream.JsonRecordScorer.NotPlain e) {
            throw NOT_PLAIN;
        }
    }

    /** As {@link io.netsec.core.stream.JsonRecordScorer#rowLayout}. */
    public RowLayout rowLayout(List<String> columns) {
        try {
            io.netsec.core.stream.JsonRecordScorer.RowLayout layout = scorer.rowLayout(columns);
            return new RowLayout(layout.featureOfPosition(), layout.absent());
        } catch (io.netsec.core.stream.JsonRecordScorer.NotPlain e) {
            throw NOT_PLAIN;
        }
    }

    /** As {@link io.netsec.core.stream.JsonRecordScorer#rowProbability}. */
    public double rowProbability(JsonParser parser, RowLayout layout, String source) throws IOException {
        try {
            return scorer.rowProbability(parser,
                    new io.netsec.core.stream.JsonRecordScorer.RowLayout(layout.featureOfPosition(), layout.absent()), source);
        } catch (io.netsec.core.stream.JsonRecordScorer.NotPlain e) {
            throw NOT_PLAIN;
        }
    }
}
