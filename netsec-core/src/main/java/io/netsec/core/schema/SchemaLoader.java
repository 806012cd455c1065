package io.netsec.core.schema;

import com.fasterxml.jackson.core.JsonLocation;
import io.netsec.core.Sha256;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();

    private SchemaLoader() {
    }

    /** Loads and checks the schema in {@code file}. */
    public static LoadedSchema load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SchemaException(file, 0, "no such schema file");
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
        try {
            DataSchema schema = YAML.readValue(yaml, DataSchema.class);
            if (schema == null) {
                throw new SchemaException(source, 0, "the schema file holds no document");
            }
            return new LoadedSchema(schema, new String(yaml, StandardCharsets.UTF_8), Sha256.of(yaml));
        } catch (UnrecognizedPropertyException e) {
            throw new SchemaException(source, lineOfKey(yaml, String.valueOf(e.getPropertyName()), line(e.getLocation())),
                    "unknown key '" + e.getPropertyName() + "' (known here: " + e.getKnownPropertyIds() + ")");
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SchemaException(source, line(e.getLocation()), cause.getMessage());
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException syntax) {
                throw new SchemaException(source, line(syntax.getLocation()), "not valid YAML: " + firstLine(syntax));
            }
            throw new SchemaException(source, line(e.getLocation()), cleanMessage(e));
        } catch (JsonProcessingException e) {
            throw new SchemaException(source, line(e.getLocation()), "not valid YAML: " + firstLine(e));
        } catch (IOException e) {
            throw new SchemaException(source, 0, "cannot read the schema: " + e.getMessage());
        }
    }

    private static String firstLine(JsonProcessingException e) {
        return e.getOriginalMessage().lines().findFirst().orElse("").trim();
    }

    /**
     * The line of {@code key} at or before {@code reportedLine}. Jackson buffers the keys of
     * objects built through constructors and reports an unknown one at the end of its object.
     */
    static int lineOfKey(byte[] yaml, String key, int reportedLine) {
        String[] lines = new String(yaml, StandardCharsets.UTF_8).split("\\R", -1);
        for (int i = Math.min(reportedLine, lines.length) - 1; i >= 0; i--) {
            String text = lines[i].strip();
            if (text.startsWith("- ")) {
                text = text.substring(2).strip();
            }
            if (text.startsWith(key + ":") || text.startsWith("{" + key + ":")) {
                return i + 1;
            }
        }
        return reportedLine;
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    private static String cleanMessage(JsonMappingException e) {
        String message = e.getOriginalMessage();
        if (e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null) {
            message = cause.getMessage();
        }
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("");
        return path.isEmpty() ? message : "at '" + path + "': " + message;
    }
}
