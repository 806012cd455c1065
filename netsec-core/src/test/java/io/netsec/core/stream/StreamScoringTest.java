package io.netsec.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netsec.core.Detector;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.testing.TinyModels;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamScoringTest {

    @TempDir
    Path dir;

    /** 10,000 rows (more than two batches), every 997th with a bad number. */
    private static byte[] csv() {
        StringBuilder text = new StringBuilder("id,bytes,proto,service,label\n");
        for (int i = 1; i <= 10_000; i++) {
            text.append(i).append(',').append(i % 997 == 0 ? "many" : Integer.toString(i % 1000)).append(",tcp,http,normal\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private List<String> run(Detector detector, int threads) throws Exception {
        List<String> events = new ArrayList<>();
        try (CsvRecordSource source = CsvRecordSource.open("rows.csv", new ByteArrayInputStream(csv()), detector.schema())) {
            StreamScoring.run(detector, source, threads, new StreamScoring.Sink() {
                @Override
                public void scored(RawRecord record, double probability) {
                    events.add(record.row() + "=" + probability);
                }

                @Override
                public void rejected(RawRecord record, DataException problem) {
                    events.add(record.row() + "!" + problem.column());
                }
            });
        }
        return events;
    }

    @Test
    void deliversEveryRecordInInputOrderWhateverTheThreads() throws Exception {
        Detector detector = Detector.of(TinyModels.bundle());
        List<String> single = run(detector, 1);
        assertEquals(10_000, single.size());
        assertEquals("997!bytes", single.get(996));
        assertEquals("1=0.1", single.get(0));
        assertEquals("600=0.9", single.get(599), "bytes 600 is past the stump's threshold");
        assertEquals(single, run(detector, 3));
    }

    @Test
    void aRejectionThrownByTheSinkStopsTheRun() throws Exception {
        Detector detector = Detector.of(TinyModels.bundle());
        try (CsvRecordSource source = CsvRecordSource.open("rows.csv", new ByteArrayInputStream(csv()), detector.schema())) {
            DataException e = assertThrows(DataException.class, () -> StreamScoring.run(detector, source, 2,
                    new StreamScoring.Sink() {
                        @Override
                        public void scored(RawRecord record, double probability) {
                        }

                        @Override
                        public void rejected(RawRecord record, DataException problem) {
                            throw problem;
                        }
                    }));
            assertEquals(997, e.row());
        }
    }
}
