package io.netsec.core.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.netsec.core.format.FormatException;
import io.netsec.core.format.FormatReader;
import io.netsec.core.format.ValueFormat;
import io.netsec.core.model.PortableModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * Reads and writes {@code manifest.json} and {@code model.json} through the declarations of
 * their fields ({@link ManifestFormat}, {@link ModelFormat}) over Jackson's streaming parser
 * and generator. Not through Jackson's mapper: building one and introspecting the records cost
 * a cold JVM about 0.2 s of CPU (0.6 s with the AOT cache of {@code netsec predict}, measured
 * again in the ninth session), on the path of every command-line start and of the API's, where
 * these readers take a few milliseconds.
 *
 * <p>Unknown fields are skipped, a missing field reads as null (0 or false for a primitive,
 * which the records' own checks then refuse), a null primitive is an error, and {@code "NaN"}
 * and {@code "Infinity"} strings are doubles (the generator writes them so). Strict, for files
 * edited by hand: a number is not read from a string (nor a whole number from {@code 4.0}),
 * text is not read from a number, nothing may follow the object, and the fields that loading
 * and scoring read must be there. Every refusal names the field, the line and the column.
 */
final class BundleFiles {

    private static final JsonFactory JSON = JsonFactory.builder()
            // a model file is mostly numbers of 17 digits, which the JDK's parser reads slowly
            // (BigInteger on a cold JVM); Jackson's own parser gives the same doubles
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private BundleFiles() {
    }

    /** A field of the wrong kind, or a value a reader refuses; the loader names the file. */
    static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message);
        }
    }

    static BundleManifest manifest(byte[] json) throws IOException {
        return read(json, ManifestFormat.MANIFEST, "manifest");
    }

    static PortableModel model(byte[] json) throws IOException {
        return read(json, ModelFormat.MODEL, "model");
    }

    /** The manifest as a bundle holds it: pretty-printed, as the mapper wrote it before. */
    static byte[] manifestJson(BundleManifest manifest) {
        return write(ManifestFormat.MANIFEST, manifest, true);
    }

    /** The model as a bundle holds it: compact (it is mostly numbers). */
    static byte[] modelJson(PortableModel model) {
        return write(ModelFormat.MODEL, model, false);
    }

    static <T> byte[] write(ValueFormat<T> format, T value, boolean pretty) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            if (pretty) {
                out.useDefaultPrettyPrinter();
            }
            format.write(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: not expected
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] json, ValueFormat<T> format, String what) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new MalformedException("the file is empty");
            }
            if (token != JsonToken.START_OBJECT) {
                throw FormatReader.faultAt("expected an object, found " + describe(token), parser.currentTokenLocation());
            }
            T value = format.read(new Strict(parser), what);
            token = parser.nextToken();
            if (token != null) {
                throw FormatReader.faultAt("more after the object: " + describe(token), parser.currentTokenLocation());
            }
            return value;
        } catch (FormatException e) {
            throw new MalformedException(e.getMessage() + " (line " + e.line() + ", column " + e.column() + ")");
        }
    }

    /** The rules of a bundle's JSON files: strict scalars, unknown fields skipped. */
    private static final class Strict extends FormatReader {

        Strict(JsonParser parser) {
            super(parser);
        }

        @Override
        public String text(String name) throws IOException {
            return switch (parser.currentToken()) {
                case VALUE_STRING -> parser.getText();
                case VALUE_NULL -> null;
                default -> throw wrongKindAt(name, Kind.TEXT);
            };
        }

        @Override
        public Double number(String name) throws IOException {
            return parser.currentToken() == JsonToken.VALUE_NULL ? null : doubleValue(name);
        }

        @Override
        public double doubleValue(String name) throws IOException {
            return switch (parser.currentToken()) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_STRING -> switch (parser.getText()) {
                    case "NaN" -> Double.NaN;
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> throw wrongKindAt(name, Kind.NUMBER);
                };
                default -> throw wrongKindAt(name, Kind.NUMBER);
            };
        }

        @Override
        public Integer integer(String name) throws IOException {
            return parser.currentToken() == JsonToken.VALUE_NULL ? null : intValue(name);
        }

        @Override
        public int intValue(String name) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw wrongKindAt(name, Kind.WHOLE_NUMBER);
            }
            if (parser.getNumberType() != JsonParser.NumberType.INT) {
                throw fault("'" + name + "' is " + parser.getText() + ", too large");
            }
            return parser.getIntValue();
        }

        @Override
        public Long longInteger(String name) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.VALUE_NUMBER_INT) {
                throw wrongKindAt(name, Kind.WHOLE_NUMBER);
            }
            JsonParser.NumberType type = parser.getNumberType();
            if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
                throw fault("'" + name + "' is " + parser.getText() + ", too large");
            }
            return parser.getLongValue();
        }

        @Override
        public Boolean bool(String name) throws IOException {
            return switch (parser.currentToken()) {
                case VALUE_TRUE -> true;
                case VALUE_FALSE -> false;
                case VALUE_NULL -> null;
                default -> throw wrongKindAt(name, Kind.BOOLEAN);
            };
        }

        @Override
        protected void unknownField(String name, Collection<String> known) throws IOException {
            parser.skipChildren(); // a later version's field, or the other kind of model's
        }

        @Override
        protected String wrongKind(String name, Kind kind) {
            return "'" + name + "' holds " + describe(parser.currentToken()) + " where " + what(kind) + " belongs";
        }

        @Override
        protected String nullEntry(String name, Kind kind) {
            return "'" + name + "' holds null where " + what(kind) + " belongs";
        }

        @Override
        protected String entryName(String name, int index) {
            return name;
        }

        @Override
        protected FormatException missing(String owner, String field, JsonLocation start) {
            return fault("'" + owner + "' has no '" + field + "'");
        }

        @Override
        protected FormatException refused(RuntimeException e, JsonLocation start) {
            return fault(e.getMessage()); // where the record's object ends
        }

        @Override
        protected FormatException unknownName(String name, String text, IllegalArgumentException e) {
            return fault("'" + name + "' is " + text + ", not " + e.getMessage());
        }

        private static String what(Kind kind) {
            return switch (kind) {
                case TEXT -> "a string";
                case NUMBER -> "a number";
                case WHOLE_NUMBER -> "a whole number";
                case BOOLEAN -> "true or false";
                case LIST -> "an array";
                case OBJECT -> "an object";
                case ANY -> "a value";
            };
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}
