package io.netsec.core.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Collection;

/**
 * A parser (JSON, or YAML through Jackson's YAML parser) and the rules of one kind of file: how
 * strictly a scalar is read, what an unknown field means, how a fault is worded. The formats
 * walk the parser through the structure; the scalars and the wording are the subclass's. Every
 * fault is a {@link FormatException} at the place in the file where it was found.
 */
public abstract class FormatReader {

    /** What a value is, for messages. */
    public enum Kind { TEXT, NUMBER, WHOLE_NUMBER, BOOLEAN, LIST, OBJECT, ANY }

    protected final JsonParser parser;
    /** Where the field read last was named: its value may start on a later line. */
    private JsonLocation fieldLocation = JsonLocation.NA;

    protected FormatReader(JsonParser parser) {
        this.parser = parser;
    }

    public final JsonParser parser() {
        return parser;
    }

    /** The text at the current scalar, or null where there is none. */
    public abstract String text(String name) throws IOException;

    /** The number at the current token, or null where there is none. */
    public abstract Double number(String name) throws IOException;

    /** The whole number at the current token (an {@code int}), or null where there is none. */
    public abstract Integer integer(String name) throws IOException;

    /** The whole number at the current token (a {@code long}), or null where there is none. */
    public abstract Long longInteger(String name) throws IOException;

    /** True or false at the current token, or null where there is none. */
    public abstract Boolean bool(String name) throws IOException;

    /** The number at the current token, which may not be null (an entry of a model's arrays: a reader may avoid the box). */
    public double doubleValue(String name) throws IOException {
        Double value = number(name);
        if (value == null) {
            throw wrongKindAt(name, Kind.NUMBER);
        }
        return value;
    }

    /** The whole number at the current token, which may not be null. */
    public int intValue(String name) throws IOException {
        Integer value = integer(name);
        if (value == null) {
            throw wrongKindAt(name, Kind.WHOLE_NUMBER);
        }
        return value;
    }

    /** A field the format does not know: skipped, or refused. */
    protected abstract void unknownField(String name, Collection<String> known) throws IOException;

    /** A value of the wrong kind ({@code kind} belongs at field {@code name}). */
    protected abstract String wrongKind(String name, Kind kind);

    /** A null inside list {@code name}, whose entries are of {@code kind}. */
    protected abstract String nullEntry(String name, Kind kind);

    /** The name entry {@code index} of list {@code name} is known by in messages. */
    protected abstract String entryName(String name, int index);

    /** Required field {@code field} of object {@code owner} (which starts at {@code start}) is missing. */
    protected abstract FormatException missing(String owner, String field, JsonLocation start);

    /** A record refused the values read (its own checks), in the object that starts at {@code start}. */
    protected abstract FormatException refused(RuntimeException e, JsonLocation start);

    /** Text that names no value of field {@code name}; {@code e} is the parse's own refusal. */
    protected abstract FormatException unknownName(String name, String text, IllegalArgumentException e);

    /** True at an object's start, false at null; a fault at anything else. */
    public final boolean startObject(String name) throws IOException {
        return start(name, JsonToken.START_OBJECT, Kind.OBJECT);
    }

    /** True at a list's start, false at null; a fault at anything else. */
    public final boolean startArray(String name) throws IOException {
        return start(name, JsonToken.START_ARRAY, Kind.LIST);
    }

    private boolean start(String name, JsonToken start, Kind kind) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != start) {
            throw wrongKindAt(name, kind);
        }
        return true;
    }

    /** The next field's name of the current object, with its value current; null at the object's end. */
    public final String nextField() throws IOException {
        String name = parser.nextFieldName();
        if (name != null) {
            fieldLocation = parser.currentTokenLocation();
            parser.nextToken();
        }
        return name;
    }

    /** Moves to the next entry of the current list; false at its end. */
    public final boolean nextEntry() throws IOException {
        return parser.nextToken() != JsonToken.END_ARRAY;
    }

    /** Where the current token starts. */
    public final JsonLocation location() {
        return parser.currentTokenLocation();
    }

    /** Where the field read last was named. */
    protected final JsonLocation fieldLocation() {
        return fieldLocation;
    }

    final void unknown(String name, Collection<String> known) throws IOException {
        unknownField(name, known);
    }

    /** The wrong kind of value at the current token, where {@code kind} belongs. */
    public final FormatException wrongKindAt(String name, Kind kind) {
        return fault(wrongKind(name, kind));
    }

    public final FormatException nullEntryAt(String name, Kind kind) {
        return fault(nullEntry(name, kind));
    }

    /** A fault at the current token. */
    public final FormatException fault(String message) {
        return faultAt(message, location());
    }

    public static FormatException faultAt(String message, JsonLocation location) {
        return new FormatException(message, Math.max(location.getLineNr(), 0), Math.max(location.getColumnNr(), 0));
    }
}
