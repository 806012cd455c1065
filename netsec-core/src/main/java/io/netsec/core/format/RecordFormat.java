package io.netsec.core.format;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields of one record as a file holds them: each declared once, with its name in the file,
 * its {@link ValueFormat} and the record's accessor, so that the same declaration reads the
 * record and writes it. Fields are written in the order they are declared.
 *
 * <pre>{@code
 * static final RecordFormat<Threshold> THRESHOLD = RecordFormat.of(Threshold.class, f -> {
 *     var value = f.field("value", Formats.NUMBER, Threshold::value);
 *     var rule = f.field("rule", Formats.TEXT, Threshold::rule);
 *     return v -> new Threshold(v.get(value), v.get(rule));
 * });
 * }</pre>
 *
 * <p>Reading: a field the file does not name reads as {@link ValueFormat#absent()} (null, or 0
 * and false for a primitive), unless it is required; what the reader does with a field the
 * record does not have is its own rule ({@link FormatReader}); the record's own checks
 * (an {@link IllegalArgumentException} from its constructor) are faults where its object is.
 *
 * @param <R> the record
 */
public final class RecordFormat<R> implements ValueFormat<R> {

    private final List<Field<R, ?>> fields;
    private final Map<String, Field<R, ?>> byName = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final Function<Values<R>, R> create;

    private RecordFormat(List<Field<R, ?>> fields, Function<Values<R>, R> create) {
        this.fields = List.copyOf(fields);
        this.create = create;
        for (Field<R, ?> field : fields) {
            if (byName.put(field.name, field) != null) {
                throw new IllegalArgumentException("field '" + field.name + "' is declared twice");
            }
            names.add(field.name);
        }
    }

    /**
     * The format of {@code type}: {@code declare} declares its fields on the builder it is given
     * and returns how the record is made from their values.
     */
    public static <R> RecordFormat<R> of(Class<R> type, Function<Builder<R>, Function<Values<R>, R>> declare) {
        Builder<R> builder = new Builder<>();
        Function<Values<R>, R> create = declare.apply(builder);
        return new RecordFormat<>(builder.fields, create);
    }

    /** The fields' names in the file, in order. */
    public List<String> names() {
        return names;
    }

    /** The fields, in order. */
    public List<Field<R, ?>> fields() {
        return fields;
    }

    @Override
    public R read(FormatReader in, String name) throws IOException {
        if (!in.startObject(name)) {
            return null;
        }
        JsonLocation start = in.location();
        Object[] values = new Object[fields.size()];
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            if (!readField(in, values, field)) {
                in.unknown(field, names);
            }
        }
        return finish(in, name, values, start);
    }

    /** Reads field {@code field} into {@code values}; false when the record has no such field. */
    boolean readField(FormatReader in, Object[] values, String field) throws IOException {
        Field<R, ?> declared = byName.get(field);
        if (declared == null) {
            return false;
        }
        values[declared.index] = declared.format.read(in, field);
        return true;
    }

    boolean has(String field) {
        return byName.containsKey(field);
    }

    /** The record from the values read of object {@code name}, which starts at {@code start}. */
    R finish(FormatReader in, String name, Object[] values, JsonLocation start) {
        for (Field<R, ?> field : fields) {
            if (values[field.index] == null) {
                if (field.required) {
                    throw in.missing(name, field.name, start);
                }
                values[field.index] = field.format.absent();
            }
        }
        try {
            return create.apply(new Values<>(values));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw in.refused(e, start);
        }
    }

    @Override
    public void write(JsonGenerator out, R value) throws IOException {
        out.writeStartObject();
        writeFields(out, value);
        out.writeEndObject();
    }

    void writeFields(JsonGenerator out, R value) throws IOException {
        for (Field<R, ?> field : fields) {
            field.write(out, value);
        }
    }

    @Override
    public FormatReader.Kind kind() {
        return FormatReader.Kind.OBJECT;
    }

    /**
     * One field of record {@code R} holding a {@code V}.
     *
     * @param <R> the record
     * @param <V> the field's value
     */
    public static final class Field<R, V> {
        private final String name;
        private final ValueFormat<V> format;
        private final Function<R, V> accessor;
        private final boolean required;
        private final boolean optional;
        private final int index;

        private Field(String name, ValueFormat<V> format, Function<R, V> accessor, boolean required, boolean optional,
                      int index) {
            this.name = name;
            this.format = format;
            this.accessor = accessor;
            this.required = required;
            this.optional = optional;
            this.index = index;
        }

        /** The field's name in the file. */
        public String name() {
            return name;
        }

        /** How the field's value is read and written. */
        public ValueFormat<V> format() {
            return format;
        }

        /** The field's value in {@code record}. */
        public V of(R record) {
            return accessor.apply(record);
        }

        private void write(JsonGenerator out, R record) throws IOException {
            V value = accessor.apply(record);
            if (value == null) {
                if (!optional) {
                    out.writeNullField(name);
                }
                return;
            }
            out.writeFieldName(name);
            format.write(out, value);
        }
    }

    /** Declares the fields of a record, in the order they are written. */
    public static final class Builder<R> {
        private final List<Field<R, ?>> fields = new ArrayList<>();

        private Builder() {
        }

        /** A field that may be missing (it then reads as its format's {@link ValueFormat#absent()}); written as null when null. */
        public <V> Field<R, V> field(String name, ValueFormat<V> format, Function<R, V> accessor) {
            return add(new Field<>(name, format, accessor, false, false, fields.size()));
        }

        /** A field the record cannot do without: a file without it (or with null) is refused, naming it. */
        public <V> Field<R, V> required(String name, ValueFormat<V> format, Function<R, V> accessor) {
            return add(new Field<>(name, format, accessor, true, false, fields.size()));
        }

        /**
         * A field left out of the file when null: one a later format version added, so that a
         * file of an earlier version reads and writes back as it was.
         */
        public <V> Field<R, V> optional(String name, ValueFormat<V> format, Function<R, V> accessor) {
            return add(new Field<>(name, format, accessor, false, true, fields.size()));
        }

        private <V> Field<R, V> add(Field<R, V> field) {
            fields.add(field);
            return field;
        }
    }

    /** The values read of one record, by field. */
    public static final class Values<R> {
        private final Object[] values;

        private Values(Object[] values) {
            this.values = values;
        }

        @SuppressWarnings("unchecked") // each slot holds what its field's format read
        public <V> V get(Field<R, V> field) {
            return (V) values[field.index];
        }
    }
}
