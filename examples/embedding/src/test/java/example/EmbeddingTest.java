package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.Detector;
import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.data.RawRecord;
import io.netsec.core.engine.RecordScorer;
import io.netsec.core.schema.LabelSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Proves that a project depending on netsec-core alone loads a bundle made by `netsec train` and scores with it. */
class EmbeddingTest {

    private static Path property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("set -D" + name);
        }
        return Path.of(value);
    }

    @Test
    void noTrainingLibraryIsOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("weka.core.Instances"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ml.dmlc.xgboost4j.java.Booster"));
    }

    @Test
    void scoresEveryRowOfThePhishingDataWithTheTrainedBundle() throws Exception {
        Detector detector = Detector.load(property("netsec.bundle"));
        int labelColumn = -1;
        long rows = 0;
        long correct = 0;
        try (CsvRecordSource source = CsvRecordSource.open(property("netsec.data"), detector.schema())) {
            RecordScorer scorer = detector.recordScorer(source.header());
            labelColumn = source.header().sourceIndex(detector.schema().labelIndex());
            for (RawRecord record; (record = source.next()) != null; ) {
                var prediction = detector.predictionOf(scorer.probability(record));
                rows++;
                // the label a prediction says is the class's name (phishing, legitimate), the file's cell its value
                boolean threat = detector.schema().label().classify(record.cell(labelColumn)) == LabelSpec.LabelClass.THREAT;
                if (prediction.threat() == threat
                        && prediction.label().equals(detector.schema().label().nameOf(threat
                                ? LabelSpec.LabelClass.THREAT : LabelSpec.LabelClass.BENIGN))) {
                    correct++;
                }
            }
        }
        assertEquals(11_055, rows);
        assertTrue(correct > 0.95 * rows, "accuracy " + (double) correct / rows);
    }
}
