package io.netsec.training.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netsec.experiment.metrics.BinaryMetrics;
import io.netsec.experiment.metrics.FamilyMetrics;
import io.netsec.experiment.metrics.FamilyMetricsCalculator;
import io.netsec.experiment.metrics.MetricsCalculator;
import io.netsec.experiment.metrics.TestScores;
import io.netsec.experiment.tracking.TrackedRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

class TrainingChartsTest {

    @Test
    void drawsFourPngPicturesWithoutADisplay() throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        int[] labels = new int[300];
        double[] probabilities = new double[300];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3 == 0 ? 1 : 0;
            probabilities[i] = Math.min(1, Math.max(0, 0.35 * labels[i] + 0.65 * random.nextDouble()));
        }
        TestScores scores = new TestScores(labels, probabilities, List.of("a", "b", "c"), new double[] {0.5, 0.1, 0.9});
        BinaryMetrics metrics = new MetricsCalculator(labels, probabilities).compute(0.5);

        List<TrackedRun.Picture> pictures = TrainingCharts.draw(scores, metrics, 0.5);

        assertEquals(List.of(TrainingCharts.ROC, TrainingCharts.PRECISION_RECALL, TrainingCharts.CONFUSION,
                TrainingCharts.IMPORTANCE), pictures.stream().map(TrackedRun.Picture::fileName).toList());
        for (TrackedRun.Picture picture : pictures) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture.png()));
            assertNotNull(image, picture.fileName() + " is a readable PNG");
            assertEquals(800, image.getWidth());
        }
    }

    @Test
    void drawsTheFamilyConfusionMatrixWithACellPerPairOfClasses() throws IOException {
        List<String> classes = List.of("normal", "dos", "probe", "u2r");
        int[] actual = {0, 0, 1, 1, 2, 3};
        double[][] p = {{0.9, 0.05, 0.03, 0.02}, {0.3, 0.5, 0.2, 0.0}, {0.1, 0.8, 0.1, 0.0}, {0.2, 0.2, 0.6, 0.0},
                {0.2, 0.1, 0.7, 0.0}, {0.4, 0.1, 0.1, 0.4}};
        FamilyMetrics metrics = new FamilyMetricsCalculator(classes, actual, p).compute(0.5);

        JFreeChart chart = TrainingCharts.familyConfusionChart(metrics, 0.5);
        XYPlot plot = chart.getXYPlot();
        assertEquals(16, plot.getDataset().getItemCount(0), "four classes by four");
        List<String> texts = plot.getAnnotations().stream().map(a -> ((XYTextAnnotation) a).getText()).toList();
        // [actual][called]: normal 1 normal + 1 dos; dos 1 dos + 1 probe; probe 1 probe; u2r 1 u2r
        assertEquals(List.of("1", "1", "0", "0", "0", "1", "1", "0", "0", "0", "1", "0", "0", "0", "0", "1"), texts);
        TrackedRun.Picture picture = TrainingCharts.familyConfusion(metrics, 0.5);
        assertEquals(TrainingCharts.FAMILY_CONFUSION, picture.fileName());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture.png()));
        assertNotNull(image, "a readable PNG");
        assertEquals(800, image.getWidth());
    }
}
