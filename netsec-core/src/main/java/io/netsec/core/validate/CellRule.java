package io.netsec.core.validate;

import io.netsec.core.schema.CellParser;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.ColumnType;
import io.netsec.core.schema.DataSchema;
import java.util.HashSet;
import java.util.Set;

/**
 * The schema's rule for the cells of one column, of any role. It judges a cell the way
 * {@link io.netsec.core.data.RowEncoder} does for features (integers compare by value, so "1.0"
 * is the allowed "1"), but covers id, ignore and label columns too, which the encoder never sees.
 */
final class CellRule {

    private final DataSchema schema;
    private final ColumnSpec column;
    private final Set<String> allowedTexts;
    private final Set<Double> allowedNumbers = new HashSet<>();

    CellRule(DataSchema schema, ColumnSpec column) {
        this.schema = schema;
        this.column = column;
        this.allowedTexts = Set.copyOf(column.allowed());
        for (String value : column.allowed()) {
            if (column.type() == ColumnType.INTEGER) {
                allowedNumbers.add(CellParser.parseInteger(value).doubleValue());
            } else if (column.type() == ColumnType.NUMBER) {
                allowedNumbers.add(CellParser.parseNumber(value));
            }
        }
    }

    ColumnSpec column() {
        return column;
    }

    /** Whether the cell means "missing" in this schema. */
    boolean isMissing(String cell) {
        return schema.isMissing(cell);
    }

    /** What is wrong with {@code cell}, or null when nothing is. */
    ProblemKind check(String cell) {
        if (schema.isMissing(cell)) {
            return column.nullable() ? null : ProblemKind.MISSING;
        }
        switch (column.type()) {
            case INTEGER, NUMBER -> {
                Double value = column.type() == ColumnType.INTEGER
                        ? toDouble(CellParser.parseInteger(cell))
                        : CellParser.parseNumber(cell);
                if (value == null) {
                    return ProblemKind.WRONG_TYPE;
                }
                if (!allowedNumbers.isEmpty() && !allowedNumbers.contains(value)) {
                    return ProblemKind.NOT_ALLOWED;
                }
                if ((column.min() != null && value < column.min()) || (column.max() != null && value > column.max())) {
                    return ProblemKind.OUT_OF_RANGE;
                }
                return null;
            }
            default -> {
                return allowedTexts.isEmpty() || allowedTexts.contains(cell.trim()) ? null : ProblemKind.NOT_ALLOWED;
            }
        }
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }
}
