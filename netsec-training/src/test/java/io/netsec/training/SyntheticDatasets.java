package io.netsec.training;

import io.netsec.core.data.Dataset;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/** Small in-memory data sets whose rows carry their own index, so tests can see which rows a stage used. */
final class SyntheticDatasets {

    static final LoadedSchema SCHEMA = SchemaLoader.parse("synthetic.yaml", """
            name: synthetic
            columns:
              - {name: row_id, type: number}
              - {name: signal, type: number}
              - {name: noise, type: number}
              - {name: label, type: integer, role: label, allowed: [0, 1]}
            label: {column: label, threat: ["1"], benign: ["0"]}
            """.getBytes(StandardCharsets.UTF_8));

    private SyntheticDatasets() {
    }

    /** {@code n} rows: feature 0 is the row index, feature 1 carries the label with noise, feature 2 is noise. */
    static Dataset withRowIds(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        int[] labels = new int[n];
        long[] rowNumbers = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < 0.4 ? 1 : 0;
            rows[i] = new double[] {i, labels[i] + random.nextGaussian() * 0.6, random.nextGaussian()};
            rowNumbers[i] = i + 1;
        }
        return new Dataset(SCHEMA.schema(), "synthetic", null, List.of(List.of(), List.of(), List.of()), rows, labels,
                rowNumbers);
    }
}
