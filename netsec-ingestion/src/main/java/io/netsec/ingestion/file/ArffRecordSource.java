package io.netsec.ingestion.file;

import io.netsec.core.data.DataException;
import io.netsec.core.data.RawRecord;
import io.netsec.core.data.RecordSource;
import io.netsec.core.data.TableHeader;
import io.netsec.core.schema.DataSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.converters.ArffLoader;

/**
 * Streams a Weka ARFF file through Weka's own {@link ArffLoader} in incremental mode, so memory
 * stays constant whatever the file size. The header names are the attribute names, matched to
 * the schema's columns and aliases (the UCI file's {@code port} becomes {@code port_no}); cells
 * are the text a CSV file would hold: nominal and string values as written, integral numbers
 * without a trailing {@code .0}, missing values ({@code ?}) as the empty cell.
 *
 * <pre>{@code
 * try (RecordSource source = ArffRecordSource.open(Path.of("Training Dataset.arff"), schema)) {
 *     for (RawRecord record; (record = source.next()) != null; ) { ... }
 * }
 * }</pre>
 */
public final class ArffRecordSource implements RecordSource {

    private final String name;
    private final FailureTrackingStream in;
    private final ArffLoader loader;
    private final Instances structure;
    private final TableHeader header;
    private long row;

    private ArffRecordSource(String name, InputStream raw, DataSchema schema) throws IOException {
        this.name = name;
        this.in = new FailureTrackingStream(raw);
        this.loader = new ArffLoader();
        loader.setSource(in);
        try {
            this.structure = loader.getStructure();
        } catch (IOException e) {
            throw translate(e, 0);
        }
        List<String> names = new ArrayList<>(structure.numAttributes());
        for (int i = 0; i < structure.numAttributes(); i++) {
            Attribute attribute = structure.attribute(i);
            if (attribute.isRelationValued()) {
                throw new DataException(name, 0, attribute.name(), "relation-valued ARFF attributes are not supported");
            }
            names.add(attribute.name());
        }
        this.header = TableHeader.match(name, names, schema);
    }

    /** Opens {@code file}; the ARFF header is read and matched against {@code schema} at once. */
    public static ArffRecordSource open(Path file, DataSchema schema) throws IOException {
        // A missing file is a NoSuchFileException: an I/O failure (exit 3), not bad data.
        return open(file.toString(), Files.newInputStream(file), schema);
    }

    /** Reads ARFF (UTF-8) from a stream; {@code name} names it in messages. The stream is closed with the source. */
    public static ArffRecordSource open(String name, InputStream in, DataSchema schema) throws IOException {
        try {
            return new ArffRecordSource(name, in, schema);
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public TableHeader header() {
        return header;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RawRecord next() throws IOException {
        Instance instance;
        try {
            instance = loader.getNextInstance(structure);
        } catch (IOException e) {
            throw translate(e, row + 1);
        } catch (RuntimeException e) {
            // Weka signals some faults (e.g. a bad date) with unchecked exceptions.
            throw new DataException(name, row + 1, null, "malformed ARFF: " + e.getMessage(), e);
        }
        if (instance == null) {
            return null;
        }
        row++;
        String[] cells = new String[structure.numAttributes()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cellText(instance, structure.attribute(i), i);
        }
        return new RawRecord(row, cells);
    }

    private static String cellText(Instance instance, Attribute attribute, int index) {
        if (instance.isMissing(index)) {
            return "";
        }
        if (attribute.isNominal() || attribute.isString()) {
            return instance.stringValue(index);
        }
        if (attribute.isDate()) {
            return attribute.formatDate(instance.value(index));
        }
        return numberText(instance.value(index));
    }

    /** A number as a CSV file would hold it: {@code 3} rather than Weka's {@code 3.0}; other values round-trip exactly. */
    static String numberText(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /**
     * Weka reports both a broken file and a failing stream as a plain IOException; the stream
     * tells them apart, so a disk or network fault stays an I/O error and a syntax fault becomes
     * a DataException with its row. Returns the stream's own failure to rethrow.
     */
    private IOException translate(IOException e, long atRow) {
        if (in.failure != null) {
            return in.failure;
        }
        throw new DataException(name, atRow, null, "malformed ARFF: " + wekaReason(e), e);
    }

    /** Weka's message without its wrapper text, e.g. "} expected at end of enumeration, read Token[EOL], line 3". */
    static String wekaReason(IOException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String wrapper = "Unable to determine structure as arff (Reason: ";
        if (message.startsWith(wrapper)) {
            message = message.substring(wrapper.length());
            if (message.endsWith(").")) {
                message = message.substring(0, message.length() - 2);
            }
        }
        String prefix = IOException.class.getName() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Remembers the first failure of the underlying stream (see {@link #translate}). */
    private static final class FailureTrackingStream extends FilterInputStream {
        IOException failure;

        FailureTrackingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }
}
