package io.netsec.api.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.validate.ColumnDistribution;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window forgets by steps, holds at most its rows whatever the traffic, and a time window its span. */
class TrafficWindowTest {

    private static final DataSchema SCHEMA = SchemaLoader.parse("w.yaml", """
            name: w
            columns:
              - {name: x, type: number}
              - {name: kind, type: categorical}
              - {name: y, type: string, role: label}
            label: {column: y, benign: [ok]}
            """.getBytes(StandardCharsets.UTF_8)).schema();
    private static final List<ColumnSpec> FEATURES = SCHEMA.features();
    private static final List<List<String>> VOCABULARIES = List.of(List.of(), List.of("a", "b"));

    @Test
    void aRowWindowKeepsItsLastRowsByWholeSteps() {
        TrafficWindow window = new TrafficWindow(FEATURES, VOCABULARIES, 100, 4, 0, 0);
        for (int i = 0; i < 1_000_000; i++) {
            window.add(new double[] {i, i % 2}, i % 4 == 0, 0); // a million distinct values of x
        }
        assertTrue(window.rows() > 75 && window.rows() <= 100, "between three and four steps of 25: " + window.rows());
        ColumnDistribution x = window.profile("w").column("x");
        assertEquals(window.rows(), x.distinct(), "only the window's values are kept");
        assertEquals(999_999.0, x.values()[x.distinct() - 1]);
        assertEquals(0.25, (double) window.threats() / window.rows(), 0.02);
        assertEquals(List.of("a", "b"), window.profile("w").column("kind").categories());
        assertEquals(TrafficWindow.HISTORY + 1, window.history(0).size(), "the chart's points are bounded too (and the open step)");
    }

    @Test
    void aTimeWindowForgetsWhatIsOlderThanItsSpanAndDropsRowsOverItsLimit() {
        TrafficWindow window = new TrafficWindow(FEATURES, VOCABULARIES, 100, 10, 10_000, 0); // 10 s in steps of 1 s
        for (int i = 0; i < 50; i++) {
            window.add(new double[] {1, 0}, true, 500);
        }
        assertEquals(10, window.rows(), "a step of a time window takes a tenth of the row limit");
        assertEquals(40, window.dropped());
        for (int second = 1; second < 10; second++) {
            window.add(new double[] {2, 1}, false, second * 1000L + 1);
        }
        assertEquals(19, window.rows());
        window.add(new double[] {3, 1}, false, 10_500);
        assertEquals(10, window.rows(), "the first second's rows are older than the span");
        assertEquals(0.0, (double) window.threats() / window.rows());
        assertTrue(window.advance(60_000), "nothing for a minute: everything forgotten");
        assertEquals(0, window.rows());
    }
}
