package io.netsec.core.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The description of a data set that drives every stage: which columns it has, how each is
 * read, which values it may take, and which column is the label. Load one with
 * {@link SchemaLoader#load(java.nio.file.Path)}.
 *
 * @param name          a short name, e.g. {@code phishing}
 * @param description   what the data is
 * @param missingValues cell texts that mean "missing" (the empty cell always does)
 * @param header        whether a data file starts with a header line naming its columns (the
 *                      default); without one ({@code header: false}) the file's columns are
 *                      {@code columns} by position, and a row may have no cells the schema does not name
 * @param columns       every column, in the usual order (for a file without a header, the file's order)
 * @param label         the label column and its classes
 * @param drift         thresholds of the drift report
 */
public record DataSchema(
        String name,
        String description,
        List<String> missingValues,
        boolean header,
        List<ColumnSpec> columns,
        LabelSpec label,
        DriftSettings drift) {

    /** A schema of files with a header line. */
    public DataSchema(String name, String description, List<String> missingValues, List<ColumnSpec> columns,
                      LabelSpec label, DriftSettings drift) {
        this(name, description, missingValues, true, columns, label, drift);
    }

    public DataSchema {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the schema needs a 'name'");
        }
        description = Objects.requireNonNullElse(description, "");
        List<String> missing = new ArrayList<>(Objects.requireNonNullElse(missingValues, List.of("?", "NA")));
        if (!missing.contains("")) {
            missing.add("");
        }
        missingValues = ValueList.of(missing);
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("the schema needs at least one entry in 'columns'");
        }
        columns = List.copyOf(columns);
        drift = Objects.requireNonNullElse(drift, DriftSettings.DEFAULTS);
        Objects.requireNonNull(label, "the schema needs a 'label' section");
        checkColumns(columns, label);
    }

    /** From the keys of a schema file ({@link SchemaFormat}); null where a key is left out. */
    static DataSchema fromYaml(
            String name,
            String description,
            List<String> missingValues,
            Boolean header,
            List<ColumnSpec> columns,
            LabelSpec label,
            DriftSettings drift) {
        return new DataSchema(name, description, missingValues, !Boolean.FALSE.equals(header), columns, label, drift);
    }

    private static void checkColumns(List<ColumnSpec> columns, LabelSpec label) {
        Set<String> names = new HashSet<>();
        ColumnSpec labelColumn = null;
        int features = 0;
        for (ColumnSpec column : columns) {
            for (String name : concat(column.name(), column.aliases())) {
                if (!names.add(name.toLowerCase(java.util.Locale.ROOT))) {
                    throw new IllegalArgumentException("column name or alias '" + name + "' is declared twice");
                }
            }
            if (column.role() == ColumnRole.LABEL) {
                if (labelColumn != null) {
                    throw new IllegalArgumentException("columns '" + labelColumn.name() + "' and '" + column.name()
                            + "' both have role 'label'; exactly one may");
                }
                labelColumn = column;
            }
            if (column.isFeature()) {
                features++;
                if (column.type() == ColumnType.STRING) {
                    throw new IllegalArgumentException("column '" + column.name()
                            + "' is a 'string' feature; declare it 'categorical', or give it role 'id' or 'ignore'");
                }
            }
        }
        if (features == 0) {
            throw new IllegalArgumentException("the schema declares no column with role 'feature'");
        }
        if (labelColumn == null) {
            throw new IllegalArgumentException("no column has role 'label' (the label section names '" + label.column() + "')");
        }
        if (!labelColumn.name().equals(label.column())) {
            throw new IllegalArgumentException("the label section names column '" + label.column()
                    + "' but the column with role 'label' is '" + labelColumn.name() + "'");
        }
        if (!labelColumn.allowed().isEmpty()) {
            if (label.families() != null) {
                for (LabelFamilies.Family family : label.families().listed()) {
                    for (int i = 0; i < family.values().size(); i++) {
                        String value = family.values().get(i);
                        if (!labelColumn.allowed().contains(value)) {
                            throw new PlacedRefusal(PlacedRefusal.value(family.name(), i), "label value '" + value
                                    + "' of family '" + family.name() + "' is not among the allowed values "
                                    + labelColumn.allowed() + " of column '" + labelColumn.name() + "'");
                        }
                    }
                }
            }
            for (String value : label.declaredValues()) {
                if (!labelColumn.allowed().contains(value)) {
                    throw new IllegalArgumentException("label value '" + value + "' is not among the allowed values "
                            + labelColumn.allowed() + " of column '" + labelColumn.name() + "'");
                }
            }
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** The column named {@code name} (exactly), or null. */
    public ColumnSpec column(String name) {
        for (ColumnSpec column : columns) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        return null;
    }

    /** The index of a column in {@link #columns()}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The feature columns, in schema order. */
    public List<ColumnSpec> features() {
        return columns.stream().filter(ColumnSpec::isFeature).toList();
    }

    /** The index of the label column in {@link #columns()}. */
    public int labelIndex() {
        return indexOf(label.column());
    }

    /** Whether a cell's text means "missing". On the scoring hot path: no allocation for ordinary cells. */
    public boolean isMissing(String cell) {
        if (cell == null || cell.isEmpty()) {
            return true;
        }
        return missingValues.contains(cell.strip()); // strip(): the same instance when there is nothing to strip
    }
}
