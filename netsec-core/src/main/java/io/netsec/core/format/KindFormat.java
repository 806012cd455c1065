package io.netsec.core.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several records behind one type, told apart by a text field (a model's {@code "kind"}):
 * written first, it can come anywhere when read. Fields read before it are read by the first
 * kind that has them and checked; once the kind is known, another kind's fields are unknown
 * fields (skipped, in a bundle).
 *
 * @param <T> the type the kinds share
 */
public final class KindFormat<T> implements ValueFormat<T> {

    /** One kind: its name in the file, its class and its fields. */
    public record Variant<T>(String name, Class<T> type, RecordFormat<T> format) {
    }

    private final String key;
    private final String what;
    private final List<Variant<? extends T>> kinds;
    private final Map<String, Integer> byName = new LinkedHashMap<>();

    /**
     * @param key   the field that names the kind
     * @param what  what the kinds are kinds of, for messages ("unknown model kind ...")
     * @param kinds every kind this version reads
     */
    @SafeVarargs
    public KindFormat(String key, String what, Variant<? extends T>... kinds) {
        this.key = key;
        this.what = what;
        this.kinds = List.of(kinds);
        for (int i = 0; i < kinds.length; i++) {
            byName.put(kinds[i].name(), i);
        }
    }

    @Override
    public T read(FormatReader in, String name) throws IOException {
        if (!in.startObject(name)) {
            return null;
        }
        JsonLocation start = in.location();
        Object[][] values = new Object[kinds.size()][];
        Integer chosen = null;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            if (field.equals(key)) {
                String kind = in.text(field);
                chosen = kind == null ? null : byName.get(kind);
                if (kind != null && chosen == null) {
                    throw in.fault("unknown " + what + " kind '" + kind + "' (this version of netsec reads "
                            + String.join(" and ", byName.keySet()) + ")");
                }
                continue;
            }
            int target = chosen != null ? (kinds.get(chosen).format().has(field) ? chosen : -1) : firstWith(field);
            if (target < 0) {
                in.unknown(field, knownFields(chosen));
                continue;
            }
            if (values[target] == null) {
                values[target] = new Object[kinds.get(target).format().fields().size()];
            }
            kinds.get(target).format().readField(in, values[target], field);
        }
        if (chosen == null) {
            throw in.fault("no '" + key + "' (" + String.join(" or ", byName.keySet()) + ")");
        }
        RecordFormat<? extends T> format = kinds.get(chosen).format();
        Object[] read = values[chosen] != null ? values[chosen] : new Object[format.fields().size()];
        return format.finish(in, name, read, start);
    }

    private int firstWith(String field) {
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i).format().has(field)) {
                return i;
            }
        }
        return -1;
    }

    private List<String> knownFields(Integer chosen) {
        List<String> known = new ArrayList<>(List.of(key));
        for (int i = 0; i < kinds.size(); i++) {
            if (chosen == null || chosen == i) {
                known.addAll(kinds.get(i).format().names());
            }
        }
        return known;
    }

    @Override
    public void write(JsonGenerator out, T value) throws IOException {
        for (Variant<? extends T> kind : kinds) {
            if (kind.type().isInstance(value)) {
                out.writeStartObject();
                out.writeStringField(key, kind.name());
                writeAs(out, kind, value);
                out.writeEndObject();
                return;
            }
        }
        throw new IllegalArgumentException("no " + what + " kind for " + value.getClass().getName());
    }

    private static <K> void writeAs(JsonGenerator out, Variant<K> kind, Object value) throws IOException {
        kind.format().writeFields(out, kind.type().cast(value));
    }

    @Override
    public FormatReader.Kind kind() {
        return FormatReader.Kind.OBJECT;
    }
}
