package io.netsec.core.data;

import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the columns of a source line up with its schema.
 *
 * @param source            the file or collection, for messages
 * @param sourceColumns     the column names as the source spells them, in source order
 * @param schemaToSource    for each schema column, its position in the source, or -1 when absent
 * @param missingColumns    schema columns the source lacks
 * @param unexpectedColumns source columns the schema does not know
 */
public record TableHeader(
        String source,
        List<String> sourceColumns,
        int[] schemaToSource,
        List<String> missingColumns,
        List<String> unexpectedColumns) {

    public TableHeader {
        sourceColumns = List.copyOf(sourceColumns);
        schemaToSource = schemaToSource.clone();
        missingColumns = List.copyOf(missingColumns);
        unexpectedColumns = List.copyOf(unexpectedColumns);
    }

    /**
     * Lines up {@code names} with {@code schema}; header names match column names or aliases,
     * ignoring case and surrounding spaces.
     *
     * @throws DataException when a name is empty or appears twice
     */
    public static TableHeader match(String source, List<String> names, DataSchema schema) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i).trim();
            if (name.isEmpty()) {
                throw new DataException(source, 0, null, "column " + (i + 1) + " of the header has no name");
            }
            if (!seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new DataException(source, 0, name, "the header names this column twice");
            }
        }
        List<ColumnSpec> columns = schema.columns();
        // Header positions by their names folded as equalsIgnoreCase compares (a schema may have
        // thousands of columns: comparing each with every header name took seconds).
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.computeIfAbsent(folded(names.get(i).trim()), k -> new ArrayList<>()).add(i);
        }
        int[] positions = new int[columns.size()];
        boolean[] claimed = new boolean[names.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            ColumnSpec column = columns.get(c);
            // the first unclaimed header name that matches the column's name or an alias
            positions[c] = -1;
            for (String spelling : concat(column.name(), column.aliases())) {
                for (int i : byName.getOrDefault(folded(spelling), List.of())) {
                    if (!claimed[i] && (positions[c] < 0 || i < positions[c]) && column.matchesHeader(names.get(i))) {
                        positions[c] = i;
                    }
                }
            }
            if (positions[c] < 0) {
                missing.add(column.name());
            } else {
                claimed[positions[c]] = true;
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!claimed[i]) {
                unexpected.add(names.get(i).trim());
            }
        }
        return new TableHeader(source, names.stream().map(String::trim).toList(), positions, missing, unexpected);
    }

    /**
     * How the first line of a file lines up with {@code schema}: matched by name
     * ({@link #match}) when the schema says files have a header line; otherwise the line is the
     * first data row, and only its width counts ({@link #byPosition}).
     */
    public static TableHeader ofFirstLine(String source, List<String> firstLine, DataSchema schema) {
        return schema.header() ? match(source, firstLine, schema) : byPosition(source, firstLine, schema);
    }

    /**
     * The columns of a file without a header line ({@code header: false}): the schema's columns
     * by position. A file may stop before the schema's last columns (they are missing, as in a
     * file whose header lacks them); a row wider than the schema is refused, since nothing says
     * what its extra cells are: the schema must declare them (with {@code role: ignore}).
     *
     * @param firstRow the cells of the file's first row, a data row
     * @throws DataException when the first row is wider than the schema, or names the columns
     */
    public static TableHeader byPosition(String source, List<String> firstRow, DataSchema schema) {
        List<ColumnSpec> columns = schema.columns();
        int width = firstRow.size();
        if (width > columns.size()) {
            throw new DataException(source, 1, null, "the row has " + width + " cells but the schema names "
                    + columns.size() + " columns by position (it says 'header: false'); declare the other "
                    + (width - columns.size()) + " in the schema, with 'role: ignore' if they are not used");
        }
        boolean namesColumns = true;
        for (int i = 0; i < width && namesColumns; i++) {
            namesColumns = columns.get(i).matchesHeader(firstRow.get(i) == null ? "" : firstRow.get(i));
        }
        if (namesColumns) {
            throw new DataException(source, 1, null, "the first line names the columns, but the schema says"
                    + " 'header: false' (no header line): remove the line, or 'header: false' from the schema");
        }
        int[] positions = new int[columns.size()];
        List<String> names = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            positions[c] = c < width ? c : -1;
            if (c < width) {
                names.add(columns.get(c).name());
            } else {
                missing.add(columns.get(c).name());
            }
        }
        return new TableHeader(source, names, positions, missing, List.of());
    }

    /** {@code text} with each character folded as {@link String#equalsIgnoreCase} compares them. */
    private static String folded(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
        return folded.toString();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** The source position of schema column {@code schemaIndex}, or -1. */
    public int sourceIndex(int schemaIndex) {
        return schemaToSource[schemaIndex];
    }

    /** Fails when any feature column is missing; the label may be absent only when {@code labelOptional}. */
    public void requireColumns(DataSchema schema, boolean labelOptional) {
        List<String> required = new ArrayList<>();
        for (int c = 0; c < schemaToSource.length; c++) {
            ColumnSpec column = schema.columns().get(c);
            boolean isLabel = column.name().equals(schema.label().column());
            if (schemaToSource[c] < 0 && (column.isFeature() || (isLabel && !labelOptional))) {
                required.add(column.name());
            }
        }
        if (!required.isEmpty()) {
            throw new DataException(source, 0, required.get(0), "missing column" + (required.size() > 1 ? "s " : " ")
                    + required + " (the " + (schema.header() ? "header" : "first row") + " has " + sourceColumns.size()
                    + " columns)");
        }
    }
}
