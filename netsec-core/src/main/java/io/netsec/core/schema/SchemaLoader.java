package io.netsec.core.schema;

import com.fasterxml.jackson.core.JsonLocation;
import io.netsec.core.BoundedRead;
import io.netsec.core.ReadLimits;
import io.netsec.core.Sha256;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a schema file (YAML). Every fault is a {@link SchemaException} naming the file and the
 * YAML line, so a user can go straight to it.
 *
 * <pre>{@code
 * DataSchema schema = SchemaLoader.load(Path.of("data_schema/phishing.yaml"));
 * }</pre>
 */
public final class SchemaLoader {

    private SchemaLoader() {
    }

    /**
     * Loads and checks the schema in {@code file}, which must be a regular file (not a FIFO or
     * a device) of at most {@link ReadLimits#schemaFileBytes()} bytes.
     */
    public static LoadedSchema load(Path file) {
        byte[] bytes;
        try {
            bytes = BoundedRead.regularFile(file, ReadLimits.schemaFileBytes(), ReadLimits.SCHEMA_FILE);
        } catch (NoSuchFileException e) {
            throw new SchemaException(file, 0, "no such schema file");
        } catch (BoundedRead.RefusedException e) {
            throw new SchemaFileRefusedException(file, e.getMessage() + "; refused");
        } catch (IOException e) {
            throw new SchemaFileRefusedException(file, "cannot read the schema file: " + e.getMessage());
        }
        return parse(file.toString(), bytes);
    }

    /**
     * Parses schema YAML from memory; {@code source} names it in errors. The same limits hold as
     * for a file: its size, its longest line, how many columns and list entries it declares
     * ({@link ReadLimits}).
     */
    public static LoadedSchema parse(String source, byte[] yaml) {
        if (yaml.length == 0) {
            throw new SchemaException(source, 0, "the schema file is empty");
        }
        long limit = ReadLimits.schemaFileBytes();
        if (yaml.length > limit) {
            throw new SchemaFileRefusedException(source, "is " + yaml.length + " bytes, over the limit of "
                    + ReadLimits.describe(limit) + " (" + ReadLimits.SCHEMA_FILE + "); refused");
        }
        checkLineLengths(source, yaml);
        DataSchema schema;
        try {
            schema = SchemaYaml.read(source, yaml);
        } catch (JsonProcessingException e) {
            throw new SchemaException(source, line(e.getLocation()), "not valid YAML: " + firstLine(e));
        } catch (IOException e) {
            throw new SchemaException(source, 0, "cannot read the schema: " + e.getMessage());
        }
        if (schema == null) {
            throw new SchemaException(source, 0, "the schema file holds no document");
        }
        return new LoadedSchema(schema, new String(yaml, StandardCharsets.UTF_8), Sha256.of(yaml));
    }

    /**
     * Refuses a line longer than {@link ReadLimits#SCHEMA_LINE_BYTES}. The YAML scanner (SnakeYAML)
     * looks ahead over a scalar, a comment or a block-scalar line while it reads it, and each 1,024
     * characters of look-ahead copy all the characters looked ahead so far: reading a line of n
     * characters costs n * n / 2,048 copies (a 16 MB quoted text took 60 s and 1.5 GB). Lines of
     * bounded length keep the whole file linear. A long text can be folded over several lines and
     * a long list written one entry a line, so no schema needs such a line.
     */
    private static void checkLineLengths(String source, byte[] yaml) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= yaml.length; i++) {
            if (i == yaml.length || yaml[i] == '\n' || yaml[i] == '\r') {
                if (i - start > ReadLimits.SCHEMA_LINE_BYTES) {
                    throw new SchemaException(source, line, "the line is " + (i - start) + " bytes long, over the limit of "
                            + ReadLimits.describe(ReadLimits.SCHEMA_LINE_BYTES) + "; fold a long text over several lines"
                            + " and write a long list one entry a line");
                }
                if (i < yaml.length && !(yaml[i] == '\r' && i + 1 < yaml.length && yaml[i + 1] == '\n')) {
                    line++;
                }
                start = i + 1;
            }
        }
    }

    private static String firstLine(JsonProcessingException e) {
        return e.getOriginalMessage().lines().findFirst().orElse("").trim();
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }
}
