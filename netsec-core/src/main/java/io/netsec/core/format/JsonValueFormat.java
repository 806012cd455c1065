package io.netsec.core.format;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netsec.core.format.FormatReader.Kind;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Any JSON value as plain Java: a map, a list, text, a number (int, long, big integer, double), true or false. */
final class JsonValueFormat implements ValueFormat<Object> {

    @Override
    public Object read(FormatReader in, String name) throws IOException {
        var parser = in.parser();
        return switch (parser.currentToken()) {
            case START_OBJECT -> Formats.mapOf(this).read(in, name);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (in.nextEntry()) {
                    list.add(read(in, name));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> parser.getIntValue();
                case LONG -> parser.getLongValue();
                default -> parser.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw in.wrongKindAt(name, Kind.ANY);
        };
    }

    @Override
    @SuppressWarnings("unchecked") // what read makes
    public void write(JsonGenerator out, Object value) throws IOException {
        switch (value) {
            case Map<?, ?> map -> Formats.mapOf(this).write(out, (Map<String, Object>) map);
            case List<?> list -> {
                out.writeStartArray();
                for (Object entry : list) {
                    if (entry == null) {
                        out.writeNull();
                    } else {
                        write(out, entry);
                    }
                }
                out.writeEndArray();
            }
            case String text -> out.writeString(text);
            case Integer number -> out.writeNumber(number);
            case Long number -> out.writeNumber(number);
            case BigInteger number -> out.writeNumber(number);
            case BigDecimal number -> out.writeNumber(number);
            case Number number -> out.writeNumber(number.doubleValue());
            case Boolean bool -> out.writeBoolean(bool);
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    @Override
    public Kind kind() {
        return Kind.ANY;
    }
}
