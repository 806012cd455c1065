package io.netsec.ingestion.mongo;

import io.netsec.core.schema.CellParser;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import java.math.BigDecimal;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * How cells become document values and back. Pushing stores each cell typed by its column
 * (integers as 32- or 64-bit integers, numbers as doubles, categories and text as strings, a
 * missing cell as null); reading turns any scalar back into the text a CSV file would hold, so
 * every stage downstream sees the same cells whichever way the data came.
 */
final class DocumentValues {

    private DocumentValues() {
    }

    /**
     * The value to store for {@code cell} of {@code column} (null when the schema calls it
     * missing). A cell that does not parse as its type is stored as text: push validates first,
     * so this happens only for columns the schema does not type.
     */
    static Object toValue(String cell, ColumnSpec column, DataSchema schema) {
        if (schema.isMissing(cell)) {
            return null;
        }
        if (column == null) {
            return cell;
        }
        switch (column.type()) {
            case INTEGER -> {
                Long value = CellParser.parseInteger(cell);
                if (value != null) {
                    return value == value.intValue() ? (Object) value.intValue() : value;
                }
            }
            case NUMBER -> {
                Double value = CellParser.parseNumber(cell);
                if (value != null) {
                    return value;
                }
            }
            case CATEGORICAL, STRING -> {
                return cell;
            }
        }
        return cell;
    }

    /**
     * The cell text of a stored value, or null for null.
     *
     * @throws IllegalArgumentException saying why when the value cannot be a cell (a nested
     *                                  document, an array, binary data, ...)
     */
    static String toCell(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof Double number) {
            double d = number;
            // An integral double reads as an integer ("1", not "1.0"), so integer columns stored
            // by tools that write every number as a double still parse.
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return Double.toString(d);
        }
        if (value instanceof Decimal128 decimal) {
            BigDecimal exact = decimal.bigDecimalValue();
            return exact.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Boolean flag) {
            return flag.toString();
        }
        if (value instanceof ObjectId id) {
            return id.toHexString();
        }
        throw new IllegalArgumentException("a value of type " + typeName(value)
                + " cannot be a cell (expected a number, a string, a boolean or null)");
    }

    private static String typeName(Object value) {
        if (value instanceof org.bson.Document) {
            return "document";
        }
        if (value instanceof java.util.List) {
            return "array";
        }
        if (value instanceof org.bson.types.Binary) {
            return "binary";
        }
        if (value instanceof java.util.Date) {
            return "date";
        }
        return value.getClass().getSimpleName();
    }

    /** An {@code _id} as a message quotes it. */
    static String describeId(Object id) {
        if (id instanceof String text) {
            return "'" + text + "'";
        }
        if (id instanceof ObjectId objectId) {
            return "ObjectId('" + objectId.toHexString() + "')";
        }
        return String.valueOf(id);
    }
}
