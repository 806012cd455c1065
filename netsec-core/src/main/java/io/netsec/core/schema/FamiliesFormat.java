package io.netsec.core.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import io.netsec.core.ReadLimits;
import io.netsec.core.format.FormatReader;
import io.netsec.core.format.ValueFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code families} key of a label: the text {@code each}, or a mapping of family names to
 * lists of label values, kept in file order. Not a {@code Formats.mapOf}: that keeps the last
 * of two equal keys silently, and a schema's reader needs the line of each family and value
 * ({@link SchemaYaml.Keys#remember}) to name the one a check of {@link LabelSpec} refuses.
 */
final class FamiliesFormat implements ValueFormat<LabelFamilies> {

    static final FamiliesFormat FAMILIES = new FamiliesFormat();

    private static final String EACH = "each";

    private FamiliesFormat() {
    }

    @Override
    public LabelFamilies read(FormatReader in, String name) throws IOException {
        JsonToken token = in.parser().currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token.isScalarValue()) {
            String text = in.parser().getText();
            if (text.trim().toLowerCase(Locale.ROOT).equals(EACH)) {
                return LabelFamilies.EACH;
            }
            throw in.fault("'" + name + "' is '" + text + "': write a mapping of family names to label values,"
                    + " or 'each' for one class per threat value");
        }
        if (!in.startObject(name)) {
            return null;
        }
        List<LabelFamilies.Family> families = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int most = ReadLimits.schemaListEntries();
        for (String family = in.nextField(); family != null; family = in.nextField()) {
            remember(in, PlacedRefusal.family(family), true);
            if (!names.add(family)) {
                String message = "family '" + family + "' is listed twice";
                throw in instanceof SchemaYaml.Keys keys ? keys.faultAtKey(message) : in.fault(message);
            }
            if (families.size() == most) {
                throw in.fault("'" + name + "' lists more than " + most + " families (" + ReadLimits.SCHEMA_LIST + ")");
            }
            families.add(new LabelFamilies.Family(family, values(in, family, most)));
        }
        if (families.isEmpty()) {
            throw in.fault("'" + name + "' lists no family; list some, or write 'each'");
        }
        return LabelFamilies.of(families);
    }

    /** The label values of one family, each one's place remembered. */
    private static List<String> values(FormatReader in, String family, int most) throws IOException {
        List<String> values = new ArrayList<>();
        if (!in.startArray(family)) {
            return values; // "dos:" with nothing: an empty family, which LabelSpec refuses at its line
        }
        while (in.nextEntry()) {
            if (values.size() == most) {
                throw in.fault("family '" + family + "' lists more than " + most + " entries (" + ReadLimits.SCHEMA_LIST + ")");
            }
            String value = in.text(family);
            if (value == null) {
                throw in.nullEntryAt(family, FormatReader.Kind.TEXT);
            }
            remember(in, PlacedRefusal.value(family, values.size()), false);
            values.add(value);
        }
        return values;
    }

    /** {@code format}, remembering where its value is read as {@code place}. */
    static <V> ValueFormat<V> remembered(String place, ValueFormat<V> format) {
        return new ValueFormat<>() {
            @Override
            public V read(FormatReader in, String name) throws IOException {
                remember(in, place, true);
                return format.read(in, name);
            }

            @Override
            public void write(JsonGenerator out, V value) throws IOException {
                format.write(out, value);
            }

            @Override
            public FormatReader.Kind kind() {
                return format.kind();
            }
        };
    }

    private static void remember(FormatReader in, String place, boolean key) {
        if (in instanceof SchemaYaml.Keys keys) {
            keys.remember(place, key);
        }
    }

    @Override
    public void write(JsonGenerator out, LabelFamilies families) throws IOException {
        if (families.each()) {
            out.writeString(EACH);
            return;
        }
        out.writeStartObject();
        for (LabelFamilies.Family family : families.listed()) {
            out.writeFieldName(family.name());
            out.writeStartArray();
            for (String value : family.values()) {
                out.writeString(value);
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    @Override
    public FormatReader.Kind kind() {
        return FormatReader.Kind.OBJECT;
    }
}
