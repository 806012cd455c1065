package io.netsec.core.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netsec.core.format.FormatException;
import io.netsec.core.format.FormatReader;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a schema document from Jackson's YAML parser into the records, through the keys
 * {@link SchemaFormat} declares. Not through a YAML mapper: building it and introspecting the
 * records cost a cold JVM about 0.2 s of CPU, on the path of every command that loads a model
 * bundle and of the API's start.
 *
 * <p>Scalars read as a YAML mapper reads them: any scalar where text belongs
 * ({@code allowed: [-1, 1]} gives "-1" and "1"), numbers and booleans also from their text, an
 * empty value as the key's default. Stricter: an unknown key is refused (naming the keys known
 * there), a whole number is not cut from 5.5, a second document is refused. Faults are
 * {@link SchemaException}s with the line of the key or value at fault.
 */
final class SchemaYaml {

    /**
     * SnakeYAML's own limit on a document's characters (3 MiB by default) is lifted: the loader's
     * byte limit ({@link io.netsec.core.ReadLimits#schemaFileBytes()}, at least as many bytes as
     * characters) is the one a user sets and reads about.
     */
    private static final YAMLFactory YAML = new YAMLFactory().rebuild() // the plain factory's parser features
            .loaderOptions(loaderOptions())
            .build();

    private SchemaYaml() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    /**
     * The schema in {@code yaml}, or null when the file holds no document.
     *
     * @throws IOException a YAML syntax error (Jackson's, with its location)
     */
    static DataSchema read(String source, byte[] yaml) throws IOException {
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() == null) {
                return null;
            }
            Keys in = new Keys(parser);
            String what = "the schema";
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw in.wrongKindAt(what, FormatReader.Kind.OBJECT);
            }
            DataSchema schema = SchemaFormat.SCHEMA.read(in, what);
            for (JsonToken after = parser.nextToken(); after != null; after = parser.nextToken()) {
                if (after != JsonToken.VALUE_NULL) { // an empty document (a trailing ---) is nothing
                    throw in.fault("more than one document in the schema file");
                }
            }
            return schema;
        } catch (FormatException e) {
            throw new SchemaException(source, e.line(), e.getMessage());
        }
    }

    /** The rules of a schema file: lenient scalars, unknown keys refused, faults by line. */
    static final class Keys extends FormatReader {

        /** Where values a record's checks may refuse were read ({@link PlacedRefusal}), by place. */
        private final Map<String, JsonLocation> places = new HashMap<>();

        Keys(JsonParser parser) {
            super(parser);
        }

        /** A fault at the key read last (its value may start on a later line). */
        FormatException faultAtKey(String message) {
            return faultAt(message, fieldLocation());
        }

        /** Remembers where {@code place} is: the key read last ({@code key}), or the current value. */
        void remember(String place, boolean key) {
            places.putIfAbsent(place, key ? fieldLocation() : location());
        }

        @Override
        public String text(String name) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (!token.isScalarValue()) {
                throw wrongKindAt(name, Kind.TEXT);
            }
            return parser.getText();
        }

        @Override
        public Double number(String name) throws IOException {
            if (blank()) {
                return null;
            }
            return switch (parser.currentToken()) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_STRING -> {
                    try {
                        yield Double.parseDouble(parser.getText().trim());
                    } catch (NumberFormatException e) {
                        throw fault("'" + name + "' is '" + parser.getText() + "', not a number");
                    }
                }
                default -> throw wrongKindAt(name, Kind.NUMBER);
            };
        }

        @Override
        public Integer integer(String name) throws IOException {
            if (blank()) {
                return null;
            }
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
                return parser.getIntValue();
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                double value = parser.getDoubleValue(); // 500.0 or 1e3, as a mapper read them; not 5.5
                if (value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE) {
                    return (int) value;
                }
            }
            if (token.isScalarValue()) {
                Long value = CellParser.parseInteger(parser.getText()); // ASCII digits, as in a cell
                if (value != null && value == value.intValue()) {
                    return value.intValue();
                }
                throw fault("'" + name + "' is '" + parser.getText() + "', not a whole number");
            }
            throw wrongKindAt(name, Kind.WHOLE_NUMBER);
        }

        @Override
        public Long longInteger(String name) throws IOException {
            Integer value = integer(name);
            return value == null ? null : value.longValue();
        }

        @Override
        public Boolean bool(String name) throws IOException {
            if (blank()) {
                return null;
            }
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                return token == JsonToken.VALUE_TRUE;
            }
            String text = token.isScalarValue() ? parser.getText().trim() : "";
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            throw token.isScalarValue() ? fault("'" + name + "' is '" + parser.getText() + "', not true or false")
                    : wrongKindAt(name, Kind.BOOLEAN);
        }

        /** No value, or an empty one ({@code min: ""}): the key's default, as a mapper read it. */
        private boolean blank() throws IOException {
            JsonToken token = parser.currentToken();
            return token == JsonToken.VALUE_NULL || (token == JsonToken.VALUE_STRING && parser.getText().isBlank());
        }

        @Override
        protected void unknownField(String name, Collection<String> known) {
            throw faultAt("unknown key '" + name + "' (known here: " + known + ")", fieldLocation());
        }

        @Override
        protected String wrongKind(String name, Kind kind) {
            String found = describe(parser.currentToken());
            return switch (kind) {
                case OBJECT -> name + " must be a mapping of keys to values, not " + found;
                case TEXT -> "'" + name + "' holds " + found + " where a text belongs";
                case NUMBER -> "'" + name + "' holds " + found + " where a number belongs";
                case WHOLE_NUMBER -> "'" + name + "' holds " + found + " where a whole number belongs";
                case BOOLEAN -> "'" + name + "' holds " + found + " where true or false belongs";
                case LIST -> "'" + name + "' holds " + found + " where a list belongs";
                case ANY -> "'" + name + "' holds " + found + " where a value belongs";
            };
        }

        @Override
        protected String nullEntry(String name, Kind kind) {
            return "'" + name + "' holds an empty entry";
        }

        @Override
        protected String entryName(String name, int index) {
            return name + "[" + index + "]";
        }

        @Override
        protected FormatException missing(String owner, String field, JsonLocation start) {
            return faultAt(owner + " needs '" + field + "'", start);
        }

        @Override
        protected FormatException refused(RuntimeException e, JsonLocation start) {
            if (e instanceof PlacedRefusal placed) {
                JsonLocation place = places.get(placed.place());
                return faultAt(e.getMessage(), place != null ? place : start);
            }
            return faultAt(e.getMessage(), start); // a record's own checks, at the line where its mapping starts
        }

        @Override
        protected FormatException unknownName(String name, String text, IllegalArgumentException e) {
            return fault(e.getMessage()); // the type's or role's own words: "unknown column type 'int', ..."
        }

        private static String describe(JsonToken token) {
            return switch (token) {
                case START_OBJECT -> "a mapping";
                case START_ARRAY -> "a list";
                case VALUE_NULL -> "nothing";
                default -> "a single value";
            };
        }
    }
}
