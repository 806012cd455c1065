package io.netsec.training;

import io.netsec.core.bundle.ModelMetrics;
import io.netsec.experiment.metrics.BootstrapIntervals;
import io.netsec.experiment.metrics.ClassFigures;
import io.netsec.experiment.metrics.FamilyMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The manifest's form of the per-family test figures (the core cannot see netsec-experiment's types). */
final class FamilyFigures {

    private FamilyFigures() {
    }

    /** {@code metrics} with {@code intervals} as the manifest holds them; null without families. */
    static ModelMetrics.FamilyFigures of(FamilyMetrics metrics, Map<String, BootstrapIntervals.Interval> intervals) {
        if (metrics == null) {
            return null;
        }
        List<ModelMetrics.ClassFigure> perClass = new ArrayList<>();
        for (ClassFigures figures : metrics.perClass()) {
            perClass.add(new ModelMetrics.ClassFigure(figures.name(), figures.precision(), figures.recall(), figures.f1(),
                    figures.support(), figures.rocAucOvr()));
        }
        List<List<Long>> confusion = new ArrayList<>();
        for (long[] row : metrics.confusion()) {
            confusion.add(java.util.Arrays.stream(row).boxed().toList());
        }
        Map<String, ModelMetrics.Interval> ci95 = new LinkedHashMap<>();
        intervals.forEach((name, interval) -> ci95.put(name, new ModelMetrics.Interval(interval.low(), interval.high())));
        return new ModelMetrics.FamilyFigures(metrics.classes(), perClass, metrics.macroPrecision(), metrics.macroRecall(),
                metrics.macroF1(), metrics.weightedPrecision(), metrics.weightedRecall(), metrics.weightedF1(),
                metrics.macroRocAucOvr(), confusion, ci95);
    }
}
