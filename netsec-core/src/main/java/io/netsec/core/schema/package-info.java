/**
 * The data schema: columns, their types, allowed values and ranges, roles and the label,
 * loaded from YAML ({@link io.netsec.core.schema.SchemaLoader}). Every stage is driven by it.
 */
package io.netsec.core.schema;
