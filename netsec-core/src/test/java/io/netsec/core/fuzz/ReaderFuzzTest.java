package io.netsec.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netsec.core.Detector;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.engine.RecordScorer;
import io.netsec.core.schema.SchemaException;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.testing.TinyModels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Coverage-guided fuzzing of the two parsers that read untrusted text: the CSV reader with the
 * scorer behind it, and the schema loader. Any exception other than {@link DataException},
 * {@link SchemaException} or an {@link IOException} is a finding. In a normal build the seeds in
 * {@code src/test/resources/io/netsec/core/fuzz/ReaderFuzzTestInputs/} run as regression tests;
 * {@code JAZZER_FUZZ=1} fuzzes (see RELIABILITY.md).
 */
class ReaderFuzzTest {

    private static final Detector DETECTOR = tinyDetector();

    private static Detector tinyDetector() {
        try {
            return Detector.of(TinyModels.bundle());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void csvReaderAndScorer(byte[] csv) throws IOException {
        try (CsvRecordSource source = CsvRecordSource.open("fuzz.csv", new ByteArrayInputStream(csv), DETECTOR.schema())) {
            RecordScorer scorer = DETECTOR.recordScorer(source.header());
            int rows = 0;
            for (RawRecord record; (record = source.next()) != null && rows < 10_000; rows++) {
                double p = scorer.probability(record);
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalStateException("probability outside [0, 1]: " + p);
                }
            }
        } catch (DataException expected) {
            // bad data, named by row and column
        }
    }

    @FuzzTest(maxDuration = "30s")
    void schemaLoader(byte[] yaml) {
        try {
            SchemaLoader.parse("fuzz.yaml", yaml);
        } catch (SchemaException expected) {
            // a bad schema, named by line
        }
    }
}
