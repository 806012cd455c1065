package io.netsec.core.data;

import io.netsec.core.schema.ColumnSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds each feature's value in a record whose keys are column names or aliases, compared
 * trimmed and ignoring case (a map, a JSON object). Each distinct lower-case name is a slot; a
 * key spelled as the schema spells it is found without lower-casing it, so a typical record
 * costs no allocation beyond one array. Same rules as a map of lower-cased keys: the last of two
 * keys that differ only in case wins, and a feature takes its name's value, else its first alias
 * with a value. Immutable and thread-safe.
 */
public final class RecordKeys {

    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> lowerCase = new HashMap<>();
    private final int[][] slotsOfFeature;

    /** The keys of {@code features}, in model order. */
    public RecordKeys(List<ColumnSpec> features) {
        slotsOfFeature = new int[features.size()][];
        for (int f = 0; f < features.size(); f++) {
            ColumnSpec column = features.get(f);
            List<String> names = new ArrayList<>();
            names.add(column.name());
            names.addAll(column.aliases());
            slotsOfFeature[f] = names.stream().mapToInt(this::slot).toArray();
        }
    }

    private int slot(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        int slot = lowerCase.computeIfAbsent(key, k -> lowerCase.size());
        for (String spelling : List.of(name, key)) {
            if (spelling.trim().toLowerCase(Locale.ROOT).equals(key)) {
                exact.putIfAbsent(spelling, slot);
            }
        }
        return slot;
    }

    /** How many slots there are. */
    public int slots() {
        return lowerCase.size();
    }

    /** The slot of a record key, or -1 when the key names no feature. */
    public int slotOf(String key) {
        Integer slot = exact.get(key);
        if (slot == null) {
            slot = lowerCase.get(key.trim().toLowerCase(Locale.ROOT));
        }
        return slot == null ? -1 : slot;
    }

    /** The slots a feature takes its value from, in order: its name, then its aliases (this object's own array: read it only). */
    public int[] slotsOfFeature(int feature) {
        return slotsOfFeature[feature];
    }

    /** The record's values by slot (null: absent or null). */
    public Object[] collect(Map<String, ?> record) {
        Object[] byKey = new Object[lowerCase.size()];
        for (Map.Entry<String, ?> entry : record.entrySet()) {
            int slot = slotOf(entry.getKey());
            if (slot >= 0) {
                byKey[slot] = entry.getValue();
            }
        }
        return byKey;
    }

    /** Feature {@code feature}'s value among the record's values by slot ({@link #collect}), or null. */
    public Object valueOf(int feature, Object[] byKey) {
        for (int slot : slotsOfFeature[feature]) {
            if (byKey[slot] != null) {
                return byKey[slot];
            }
        }
        return null;
    }
}
