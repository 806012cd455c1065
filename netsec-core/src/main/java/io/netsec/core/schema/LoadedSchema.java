package io.netsec.core.schema;

/**
 * A schema together with the exact text it was read from and that text's SHA-256, so a model
 * bundle can carry the schema it was trained with and prove which one it was.
 */
public record LoadedSchema(DataSchema schema, String yaml, String sha256) {
}
