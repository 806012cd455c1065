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
            throw new SchemaException(file, 0, e.getMessage() + "; refused");
        } catch (IOException e) {
            throw new SchemaException(file, 0, "cannot read the schema file: " + e.getMessage());
        }
        return parse(file.toString(), bytes);
    }

    /** Parses schema YAML from memory; {@code source} names it in errors. */
    public static LoadedSchema parse(String source, byte[] yaml) {
        if (yaml.length == 0) {
            throw new SchemaException(source, 0, "the schema file is empty");
        }
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

    private static String firstLine(JsonProcessingException e) {
        return e.getOriginalMessage().lines().findFirst().orElse("").trim();
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }
}
