package io.netsec.core.format;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * How one kind of value is read from a file and written to one: text, a number, a list, a
 * record ({@link RecordFormat}). {@link Formats} holds the ones the files use.
 *
 * @param <V> the value's type
 */
public interface ValueFormat<V> {

    /**
     * Reads the value at the reader's current token and leaves its last token current.
     *
     * @param name the field (or list) the value belongs to, for messages
     * @return the value, or null where the file holds none (a null, or an empty YAML value)
     */
    V read(FormatReader in, String name) throws IOException;

    /** Writes {@code value}, which is not null. */
    void write(JsonGenerator out, V value) throws IOException;

    /** What a field of this format holds when the file does not name it: null, or 0 and false for a primitive. */
    default V absent() {
        return null;
    }

    /** What the value is, for messages: {@link FormatReader.Kind#TEXT} for a text, and so on. */
    FormatReader.Kind kind();
}
