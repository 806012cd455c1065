package io.netsec.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * One column of a data set as the schema declares it.
 *
 * @param name     the header name in the data
 * @param type     how cells are read
 * @param role     feature, label, id or ignore
 * @param allowed  the only values a cell may take (empty: any value of the type)
 * @param min      smallest allowed value of a numeric column, or null
 * @param max      largest allowed value of a numeric column, or null
 * @param nullable whether a cell may be missing
 * @param aliases  other header names that mean this column
 */
public record ColumnSpec(
        String name,
        ColumnType type,
        ColumnRole role,
        List<String> allowed,
        Double min,
        Double max,
        boolean nullable,
        List<String> aliases) {

    public ColumnSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a column needs a non-empty 'name'");
        }
        if (type == null) {
            throw new IllegalArgumentException("column '" + name + "' needs a 'type'");
        }
        role = Objects.requireNonNullElse(role, ColumnRole.FEATURE);
        allowed = ValueList.of(Objects.requireNonNullElse(allowed, List.of()));
        aliases = List.copyOf(Objects.requireNonNullElse(aliases, List.of()));
        if ((min != null || max != null) && !type.isNumeric()) {
            throw new IllegalArgumentException("column '" + name + "': 'min'/'max' need an integer or number type");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("column '" + name + "': min " + min + " is above max " + max);
        }
        if (type == ColumnType.INTEGER) {
            for (String value : allowed) {
                if (CellParser.parseInteger(value) == null) {
                    throw new IllegalArgumentException("column '" + name + "': allowed value '" + value + "' is not an integer");
                }
            }
        }
        if (type == ColumnType.NUMBER) {
            for (String value : allowed) {
                if (CellParser.parseNumber(value) == null) {
                    throw new IllegalArgumentException("column '" + name + "': allowed value '" + value + "' is not a number");
                }
            }
        }
    }

    /** From the keys of a schema file ({@link SchemaFormat}); null where a key is left out. */
    static ColumnSpec fromYaml(
            String name,
            ColumnType type,
            ColumnRole role,
            List<String> allowed,
            Double min,
            Double max,
            Boolean nullable,
            List<String> aliases) {
        return new ColumnSpec(name, type, role, allowed, min, max, Boolean.TRUE.equals(nullable), aliases);
    }

    /** Whether the header name {@code header} names this column (its name or an alias, ignoring case). */
    public boolean matchesHeader(String header) {
        String trimmed = header.trim();
        if (trimmed.equalsIgnoreCase(name)) {
            return true;
        }
        for (String alias : aliases) {
            if (trimmed.equalsIgnoreCase(alias)) {
                return true;
            }
        }
        return false;
    }

    public boolean isFeature() {
        return role == ColumnRole.FEATURE;
    }
}
