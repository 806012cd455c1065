package io.netsec.training.tracking;

import io.netsec.experiment.metrics.BinaryMetrics;
import io.netsec.experiment.metrics.FamilyMetrics;
import io.netsec.experiment.metrics.TestCurves;
import io.netsec.experiment.metrics.TestScores;
import io.netsec.experiment.tracking.TrackedRun;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The pictures of a training run, as PNG images drawn in memory with JFreeChart (headless: no
 * display is needed): ROC and precision-recall curves of the test part, the confusion matrix at
 * the chosen threshold, and the inputs that moved the scores most. The run's record
 * ({@link io.netsec.experiment.tracking.RunFolderRecord}) stores them; JFreeChart stays here.
 */
public final class TrainingCharts {

    public static final String ROC = "roc_curve.png";
    public static final String PRECISION_RECALL = "precision_recall_curve.png";
    public static final String CONFUSION = "confusion_matrix.png";
    public static final String IMPORTANCE = "feature_importance.png";
    public static final String FAMILY_CONFUSION = "family_confusion_matrix.png";

    private static final int WIDTH = 800;
    private static final int HEIGHT = 600;
    private static final int MOST_IMPORTANT = 20;

    static {
        // Charts are files here; never ask for a display, also when the caller forgot the flag.
        System.setProperty("java.awt.headless", "true");
        // ImageIO's default stream caches in a temporary file, and one whose flush failed (a full
        // disk) is closed again by ImageIO's exit hook, which then prints a NullPointerException
        // trace after the command has reported the failure. A picture is some 40 KB: memory will do.
        javax.imageio.ImageIO.setUseCache(false);
    }

    private TrainingCharts() {
    }

    /** Draws the four pictures. */
    public static List<TrackedRun.Picture> draw(TestScores scores, BinaryMetrics test, double threshold) {
        return List.of(png(ROC, roc(scores, test)), png(PRECISION_RECALL, precisionRecall(scores, test)),
                png(CONFUSION, confusion(test.confusion(), threshold)), png(IMPORTANCE, importance(scores)));
    }

    /**
     * Draws each kind of picture once, in memory, on a background thread: the first picture of a
     * process costs a second or more of class loading and font setup, which would otherwise come
     * after training, when nothing else runs. Called when training starts, while the data is read
     * on one core; failures are ignored here ({@link #draw} reports them).
     */
    public static void warmUpInBackground() {
        Thread thread = new Thread(() -> {
            try {
                int[] labels = {0, 1, 0, 1};
                double[] probabilities = {0.1, 0.9, 0.4, 0.6};
                TestScores scores = new TestScores(labels, probabilities, List.of("a", "b"), new double[] {0.5, 0.25});
                BinaryMetrics metrics = new io.netsec.experiment.metrics.MetricsCalculator(labels, probabilities).compute(0.5);
                for (JFreeChart chart : List.of(roc(scores, metrics), precisionRecall(scores, metrics),
                        confusion(metrics.confusion(), 0.5), importance(scores))) {
                    chart.setBackgroundPaint(Color.WHITE);
                    ChartUtils.writeChartAsPNG(java.io.OutputStream.nullOutputStream(), chart, WIDTH, HEIGHT);
                }
            } catch (Throwable ignored) {
                // draw() meets the same problem and reports it
            }
        }, "netsec-charts-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static TrackedRun.Picture png(String fileName, JFreeChart chart) {
        // A white plot prints and reads better than JFreeChart's grey default.
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        // drawn in memory; the record writes the file, so a failing disk fails there with its own IOException
        ByteArrayOutputStream png = new ByteArrayOutputStream(1 << 16);
        try {
            ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a memory stream does not fail; an encoder might
        }
        return new TrackedRun.Picture(fileName, png.toByteArray());
    }

    static JFreeChart roc(TestScores scores, BinaryMetrics test) {
        XYSeries curve = new XYSeries("model", false);
        for (double[] point : TestCurves.roc(scores.labels(), scores.probabilities())) {
            curve.add(point[0], point[1]);
        }
        XYSeries chance = new XYSeries("chance", false);
        chance.add(0, 0);
        chance.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection(curve);
        data.addSeries(chance);
        JFreeChart chart = ChartFactory.createXYLineChart(String.format("ROC curve (test part, AUC %.4f)", test.rocAuc()),
                "false-positive rate", "true-positive rate", data, PlotOrientation.VERTICAL, true, false, false);
        unitAxes(chart.getXYPlot());
        return chart;
    }

    static JFreeChart precisionRecall(TestScores scores, BinaryMetrics test) {
        XYSeries curve = new XYSeries("model", false);
        for (double[] point : TestCurves.precisionRecall(scores.labels(), scores.probabilities())) {
            curve.add(point[0], point[1]);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                String.format("Precision-recall curve (test part, average precision %.4f)", test.prAuc()),
                "recall", "precision", new XYSeriesCollection(curve), PlotOrientation.VERTICAL, true, false, false);
        unitAxes(chart.getXYPlot());
        return chart;
    }

    static JFreeChart confusion(BinaryMetrics.ConfusionMatrix matrix, double threshold) {
        // x: called benign (0) / threat (1); y: actually benign (0) / threat (1).
        double[][] cells = {
                {0, 1, 0, 1},
                {0, 0, 1, 1},
                {matrix.trueNegatives(), matrix.falseNegatives(), matrix.falsePositives(), matrix.truePositives()}};
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("counts", new double[][] {cells[0], cells[1], cells[2]});
        String[] classes = {"benign", "threat"};
        SymbolAxis called = new SymbolAxis("called", classes);
        SymbolAxis actual = new SymbolAxis("actual", classes);
        XYBlockRenderer renderer = new XYBlockRenderer();
        double max = Math.max(1, IntStream.range(0, 4).mapToDouble(i -> cells[2][i]).max().orElse(1));
        LookupPaintScale scale = new LookupPaintScale(0, max + 1, new Color(235, 242, 250));
        for (int step = 1; step <= 8; step++) {
            int shade = 235 - step * 22;
            scale.add(max * step / 8.0, new Color(Math.max(shade, 30), Math.max(shade + 10, 60), 250));
        }
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, called, actual, renderer);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 28);
        for (int i = 0; i < 4; i++) {
            XYTextAnnotation count = new XYTextAnnotation(String.valueOf((long) cells[2][i]), cells[0][i], cells[1][i]);
            count.setFont(font);
            plot.addAnnotation(count);
        }
        return new JFreeChart(String.format("Confusion matrix (test part, threshold %.4f)", threshold),
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    }

    /** The per-family confusion matrix of a family model's test part, as a picture. */
    public static TrackedRun.Picture familyConfusion(FamilyMetrics metrics, double threshold) {
        return png(FAMILY_CONFUSION, familyConfusionChart(metrics, threshold));
    }

    /**
     * Classes by classes, the count in each cell; a cell's shade is its share of the actual
     * class's rows (its recall on the diagonal), so that a family of four rows reads as clearly
     * as one of thousands.
     */
    static JFreeChart familyConfusionChart(FamilyMetrics metrics, double threshold) {
        List<String> classes = metrics.classes();
        long[][] counts = metrics.confusion();
        int k = classes.size();
        double[] x = new double[k * k];
        double[] y = new double[k * k];
        double[] share = new double[k * k];
        for (int actual = 0; actual < k; actual++) {
            long rowTotal = java.util.Arrays.stream(counts[actual]).sum();
            for (int called = 0; called < k; called++) {
                int cell = actual * k + called;
                x[cell] = called;
                y[cell] = actual;
                share[cell] = rowTotal == 0 ? 0 : (double) counts[actual][called] / rowTotal;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("share of the actual class", new double[][] {x, y, share});
        String[] names = classes.toArray(String[]::new);
        SymbolAxis called = new SymbolAxis("called", names);
        SymbolAxis actualAxis = new SymbolAxis("actual", names);
        actualAxis.setInverted(true); // the first class on top, as the matrix is printed
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, 1.0001, new Color(245, 248, 252));
        for (int step = 1; step <= 8; step++) {
            int shade = 235 - step * 22;
            scale.add(step / 8.0 - 1e-9, new Color(Math.max(shade, 30), Math.max(shade + 10, 60), 250));
        }
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, called, actualAxis, renderer);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, Math.min(28, 140 / k)));
        for (int cell = 0; cell < k * k; cell++) {
            XYTextAnnotation count = new XYTextAnnotation(String.valueOf(counts[(int) y[cell]][(int) x[cell]]),
                    x[cell], y[cell]);
            count.setFont(font);
            count.setPaint(share[cell] > 0.6 ? Color.WHITE : Color.BLACK);
            plot.addAnnotation(count);
        }
        return new JFreeChart(String.format("Confusion matrix by family (test part, threshold %.4f)", threshold),
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    }

    static JFreeChart importance(TestScores scores) {
        double[] importance = scores.meanAbsoluteContribution();
        List<Integer> order = IntStream.range(0, importance.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> importance[i]).reversed())
                .limit(MOST_IMPORTANT).toList();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i : order) {
            data.addValue(importance[i], "mean |contribution|", scores.inputNames().get(i));
        }
        return ChartFactory.createBarChart("Feature importance (mean absolute contribution on the test part)",
                "input", "mean absolute contribution to the raw score", data, PlotOrientation.HORIZONTAL, false, false, false);
    }

    private static void unitAxes(XYPlot plot) {
        ((NumberAxis) plot.getDomainAxis()).setRange(0, 1);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.02);
    }
}
