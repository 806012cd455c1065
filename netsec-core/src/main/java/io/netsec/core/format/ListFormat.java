package io.netsec.core.format;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netsec.core.format.FormatReader.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntSupplier;

/** A list of values, optionally bounded in length (a schema's lists, so that a file cannot ask for unbounded memory). */
public final class ListFormat<V> implements ValueFormat<List<V>> {
    private final ValueFormat<V> entries;
    private final IntSupplier limit;
    private final BiFunction<String, Integer, String> overLimit;

    ListFormat(ValueFormat<V> entries, IntSupplier limit, BiFunction<String, Integer, String> overLimit) {
        this.entries = entries;
        this.limit = limit;
        this.overLimit = overLimit;
    }

    /**
     * This list with at most {@code limit} entries (read at each list, so a setting changed
     * between files holds); an entry over it is a fault worded by {@code overLimit} from the
     * list's name and the limit.
     */
    public ListFormat<V> limited(IntSupplier limit, BiFunction<String, Integer, String> overLimit) {
        return new ListFormat<>(entries, limit, overLimit);
    }

    @Override
    public List<V> read(FormatReader in, String name) throws IOException {
        if (!in.startArray(name)) {
            return null;
        }
        int most = limit == null ? Integer.MAX_VALUE : limit.getAsInt();
        List<V> list = new ArrayList<>();
        while (in.nextEntry()) {
            if (list.size() == most) {
                throw in.fault(overLimit.apply(name, most));
            }
            V value = entries.read(in, in.entryName(name, list.size()));
            if (value == null) {
                throw in.nullEntryAt(name, entries.kind());
            }
            list.add(value);
        }
        return list;
    }

    @Override
    public void write(JsonGenerator out, List<V> list) throws IOException {
        out.writeStartArray(list, list.size());
        for (V value : list) {
            entries.write(out, value);
        }
        out.writeEndArray();
    }

    @Override
    public Kind kind() {
        return Kind.LIST;
    }
}
