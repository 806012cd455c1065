package io.netsec.core.schema;

import java.util.AbstractList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;

/**
 * An immutable list of texts whose {@link #contains} is a hash lookup, for a schema's lists
 * (allowed values, missing-value markers, label values): they are searched per cell or per row
 * and may be long (up to {@link io.netsec.core.ReadLimits#schemaListEntries()}), where a
 * {@code List.copyOf} would compare every entry each time. Equal to any list of the same
 * texts in the same order.
 */
final class ValueList extends AbstractList<String> implements RandomAccess {

    /** Lists this short are searched in turn. */
    private static final int SHORT = 8;

    private final String[] values;
    private final Set<String> lookup;

    private ValueList(String[] values) {
        this.values = values;
        this.lookup = values.length <= SHORT ? Set.of() : new HashSet<>(List.of(values));
    }

    /** The texts of {@code values} in order; null entries are refused, as by {@code List.copyOf}. */
    static List<String> of(Collection<String> values) {
        if (values instanceof ValueList list) {
            return list;
        }
        String[] copy = values.toArray(String[]::new);
        for (String value : copy) {
            Objects.requireNonNull(value);
        }
        return new ValueList(copy);
    }

    @Override
    public String get(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean contains(Object value) {
        if (values.length <= SHORT) {
            // a few entries (the usual missing markers): comparing them costs less than hashing the text
            for (String candidate : values) {
                if (candidate.equals(value)) {
                    return true;
                }
            }
            return false;
        }
        return lookup.contains(value);
    }
}
