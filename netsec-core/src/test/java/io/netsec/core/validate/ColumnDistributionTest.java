package io.netsec.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.schema.DriftSettings;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ColumnDistributionTest {

    /** A continuous column: {@code n} distinct heavy-tailed values with counts 1 to 5. */
    private static ColumnDistribution continuous(int n) {
        SplittableRandom random = new SplittableRandom(11);
        double[] values = IntStream.range(0, n).mapToDouble(i -> Math.exp(random.nextDouble() * 12)).sorted().distinct()
                .toArray();
        long[] counts = Arrays.stream(values).mapToLong(v -> 1 + random.nextInt(5)).toArray();
        return new ColumnDistribution("bytes", true, values, List.of(), counts);
    }

    @Test
    void keepsAContinuousColumnAsRunsOfAboutEqualCountWithItsTotalAndMean() {
        ColumnDistribution full = continuous(20_000);
        ColumnDistribution kept = full.atMost(1_000);
        assertEquals(1_000, kept.distinct());
        assertEquals(full.total(), kept.total());
        double[] values = kept.values();
        for (int i = 1; i < values.length; i++) {
            assertTrue(values[i - 1] < values[i], "still sorted and distinct at " + i);
        }
        assertEquals(mean(full), mean(kept), 1e-9 * mean(full));
        long largestRun = Arrays.stream(kept.counts()).max().orElseThrow();
        assertTrue(largestRun <= full.total() / 1_000 + 5, "no run much above its share: " + largestRun);
        // the drift detector sees the same distribution in either form
        DataProfile before = new DataProfile("a", full.total(), List.of(full));
        DataProfile after = new DataProfile("b", full.total(), List.of(kept));
        double distance = new DriftDetector().compare(before, after, DriftSettings.DEFAULTS).columns().get(0).statistic();
        assertTrue(distance < 0.01, "normed Wasserstein distance between them: " + distance);
    }

    @Test
    void leavesFewValuesAndCategoriesAlone() {
        ColumnDistribution few = new ColumnDistribution("port", true, new double[] {22, 80, 443}, List.of(),
                new long[] {3, 5, 8});
        assertSame(few, few.atMost(1_000));
        ColumnDistribution categories = new ColumnDistribution("protocol", false, new double[0], List.of("tcp", "udp"),
                new long[] {3, 4});
        assertSame(categories, categories.atMost(1));
    }

    private static double mean(ColumnDistribution column) {
        double[] values = column.values();
        long[] counts = column.counts();
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * counts[i];
        }
        return sum / column.total();
    }
}
