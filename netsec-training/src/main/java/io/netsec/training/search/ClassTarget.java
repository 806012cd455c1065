package io.netsec.training.search;

import io.netsec.core.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * What the models learn to tell apart: threat or benign, or the attack families. With families,
 * the classes are the schema's (benign first) that hold at least one row of the data: a family
 * the data lacks (NSL-KDD's {@code other}) has nothing to learn from and is left out of the model,
 * and recorded as such. A class whose rows all fell into the test part stays, with no training row.
 *
 * @param classes      the model's classes, the benign class first; empty for threat or benign
 * @param classOfRow   each data row's class: its index into {@code classes}, or its label (1 threat, 0 benign)
 * @param withoutRows  the schema's classes left out because the data holds no row of them
 */
public record ClassTarget(List<String> classes, int[] classOfRow, List<String> withoutRows) {

    public ClassTarget {
        classes = List.copyOf(classes);
        withoutRows = List.copyOf(withoutRows);
    }

    /** The target of {@code data}: its families when its label has them, else threat or benign. */
    public static ClassTarget of(Dataset data) {
        if (!data.hasFamilies()) {
            return threatOrBenign(data);
        }
        List<String> names = data.classNames();
        long[] counts = new long[names.size()];
        for (int c : data.classes()) {
            counts[c]++;
        }
        int[] newIndex = new int[names.size()];
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (c == 0 || counts[c] > 0) { // class 0, benign, stays: the core's class models need it first
                newIndex[c] = kept.size();
                kept.add(names.get(c));
            } else {
                newIndex[c] = -1;
                dropped.add(names.get(c));
            }
        }
        int[] classOfRow = new int[data.size()];
        for (int i = 0; i < classOfRow.length; i++) {
            classOfRow[i] = newIndex[data.classes()[i]];
        }
        return new ClassTarget(kept, classOfRow, dropped);
    }

    /** Threat or benign, whether or not the label has families. */
    public static ClassTarget threatOrBenign(Dataset data) {
        return new ClassTarget(List.of(), data.labels(), List.of());
    }

    /** Whether the classes are attack families. */
    public boolean hasFamilies() {
        return !classes.isEmpty();
    }

    /** The number of classes (2 for threat or benign). */
    public int classCount() {
        return classes.isEmpty() ? 2 : classes.size();
    }

    /** The classes of the rows {@code rows}. */
    public int[] of(int[] rows) {
        int[] result = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            result[i] = classOfRow[rows[i]];
        }
        return result;
    }
}
