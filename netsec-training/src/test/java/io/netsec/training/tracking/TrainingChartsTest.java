package io.netsec.training.tracking;

import io.netsec.training.metrics.TestCurves;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netsec.training.TestScores;
import io.netsec.training.metrics.BinaryMetrics;
import io.netsec.training.metrics.MetricsCalculator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingChartsTest {

    @Test
    void drawsFourPngPicturesWithoutADisplay(@TempDir Path folder) throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        int[] labels = new int[300];
        double[] probabilities = new double[300];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3 == 0 ? 1 : 0;
            probabilities[i] = Math.min(1, Math.max(0, 0.35 * labels[i] + 0.65 * random.nextDouble()));
        }
        TestScores scores = new TestScores(labels, probabilities, List.of("a", "b", "c"), new double[] {0.5, 0.1, 0.9});
        BinaryMetrics metrics = new MetricsCalculator(labels, probabilities).compute(0.5);

        List<Path> pictures = TrainingCharts.draw(scores, metrics, 0.5, folder);

        assertEquals(4, pictures.size());
        for (Path picture : pictures) {
            BufferedImage image = ImageIO.read(picture.toFile());
            assertNotNull(image, picture + " is a readable PNG");
            assertEquals(800, image.getWidth());
        }
    }

    @Test
    void curvesRunFromCornerToCorner() {
        int[] labels = {1, 0, 1, 0};
        double[] probabilities = {0.9, 0.8, 0.8, 0.1};
        List<double[]> roc = TestCurves.roc(labels, probabilities);
        assertEquals(List.of(0.0, 0.0), List.of(roc.get(0)[0], roc.get(0)[1]));
        double[] last = roc.get(roc.size() - 1);
        assertEquals(List.of(1.0, 1.0), List.of(last[0], last[1]));
        // The tie at 0.8 moves both rows at once: (0, 0.5) then (0.5, 1).
        assertEquals(4, roc.size());
        List<double[]> pr = TestCurves.precisionRecall(labels, probabilities);
        assertEquals(1.0, pr.get(0)[1]);
        assertEquals(1.0, pr.get(pr.size() - 1)[0]);
    }
}
