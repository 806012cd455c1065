package io.netsec.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsec.core.bundle.ModelMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model card's per-family part, from the manifest's figures (plain JUnit: no application needed). */
class FamilyViewTest {

    private static final ModelMetrics.FamilyFigures FIGURES = new ModelMetrics.FamilyFigures(
            List.of("normal", "dos", "u2r"),
            List.of(new ModelMetrics.ClassFigure("normal", 0.5, 0.5, 0.5, 2, 0.75),
                    new ModelMetrics.ClassFigure("dos", 2.0 / 3, 2.0 / 3, 2.0 / 3, 3, 0.8),
                    new ModelMetrics.ClassFigure("u2r", 0, 0, 0, 0, Double.NaN)),
            7.0 / 12, 7.0 / 12, 7.0 / 12, 0.6, 0.6, 0.6, 0.775,
            List.of(List.of(1L, 1L, 0L), List.of(1L, 2L, 0L), List.of(0L, 0L, 0L)),
            Map.of("recall_dos", new ModelMetrics.Interval(0.25, 1.0), "macro_f1", new ModelMetrics.Interval(0.2, 0.9),
                    "macro_roc_auc_ovr", new ModelMetrics.Interval(0.5, 1.0)));

    @Test
    void rowsPerClassThenTheAveragesWithTheirIntervals() {
        FamilyView view = FamilyView.of(FIGURES);
        assertEquals(List.of(
                new FamilyView.ClassRow("normal", "0.5000", "0.5000", "0.5000", 2, ""),
                new FamilyView.ClassRow("dos", "0.6667", "0.6667", "0.6667", 3, "0.2500 to 1.0000"),
                new FamilyView.ClassRow("u2r", "0.0000", "0.0000", "0.0000", 0, "no test row"),
                new FamilyView.ClassRow("macro average", "0.5833", "0.5833", "0.5833", 5, "0.2000 to 0.9000"),
                new FamilyView.ClassRow("weighted average", "0.6000", "0.6000", "0.6000", 5, "")), view.rows());
        assertEquals("0.7750 (95% interval 0.5000 to 1.0000)", view.macroRocAuc());
    }

    @Test
    void theConfusionPictureShadesEachCellByItsShareOfTheActualClass() {
        FamilyView view = FamilyView.of(FIGURES);
        List<FamilyView.Cell> dos = view.confusion().get(1).cells();
        assertEquals(List.of(1L, 2L, 0L), dos.stream().map(FamilyView.Cell::count).toList());
        assertEquals(List.of("0.333", "0.667", "0.000"), dos.stream().map(FamilyView.Cell::shade).toList());
        assertEquals("#fff", dos.get(1).textColour(), "a dark cell has white text");
        assertEquals("0.000", view.confusion().get(2).cells().get(2).shade(), "no u2r row: no share, no division by 0");
        int cell = view.cell();
        assertEquals(FamilyView.LABELS + cell, dos.get(1).x());
        assertEquals(FamilyView.LABELS + cell, dos.get(1).y());
        assertEquals(List.of("normal", "dos", "u2r"), view.columnLabels().stream().map(FamilyView.Label::name).toList());
    }
}
