package io.netsec.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Numeric cells against allowed values and ranges, and the texts that mean "missing". */
class RowEncoderTest {

    private static final DataSchema SCHEMA = SchemaLoader.parse("test.yaml", """
            name: flags
            missing_values: ["?", "NA", "-9"]
            columns:
              - {name: flag, type: integer, allowed: [-1, 0, 1]}
              - {name: level, type: integer, allowed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}
              - {name: ratio, type: number, min: 0, max: 1, nullable: true}
              - {name: proto, type: categorical, allowed: ["6", "17"]}
              - {name: label, type: integer, role: label}
            label: {column: label, threat: [1], benign: [-1]}
            """.getBytes(StandardCharsets.UTF_8)).schema();

    private static CellProblem encode(int feature, String cell) {
        return RowEncoder.frozen(SCHEMA, null).encodeCell(feature, cell, new double[4]);
    }

    @Test
    void numbersOutsideTheAllowedValuesAreRefusedWhateverHowManyThereAre() {
        assertEquals(CellProblem.NONE, encode(0, "-1"));
        assertEquals(CellProblem.NONE, encode(0, " 1"));
        assertEquals(CellProblem.NOT_ALLOWED, encode(0, "2"));
        assertEquals(CellProblem.NOT_ALLOWED, encode(0, "-2"));
        assertEquals(CellProblem.NONE, encode(1, "10"), "more than eight values: the binary search");
        assertEquals(CellProblem.NOT_ALLOWED, encode(1, "11"));
        assertEquals(CellProblem.NOT_ALLOWED, encode(1, "0"));
        assertEquals(CellProblem.NOT_AN_INTEGER, encode(0, "1.5"));
    }

    @Test
    void anIntegerEncodesAsItsTextWould() {
        RowEncoder encoder = RowEncoder.frozen(SCHEMA, null);
        for (int feature = 0; feature < 4; feature++) {
            for (long value : new long[] {-10, -9, -2, -1, 0, 1, 2, 6, 10, 11, 17, 1L << 53, (1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE}) {
                double[] byText = new double[4];
                double[] byNumber = new double[4];
                assertEquals(encoder.encodeCell(feature, Long.toString(value), byText),
                        encoder.encodeInteger(feature, value, byNumber), "feature " + feature + ", value " + value);
                assertEquals(Double.doubleToRawLongBits(byText[feature]), Double.doubleToRawLongBits(byNumber[feature]),
                        "feature " + feature + ", value " + value);
            }
        }
        assertEquals(CellProblem.MISSING, encoder.encodeInteger(0, -9, new double[4]), "-9 is a missing marker");
    }

    @Test
    void allowedIntegersAtTheEdgesOfTheBitSetEncodeAsTheirTextWould() {
        DataSchema edges = SchemaLoader.parse("edges.yaml", """
                name: edges
                columns:
                  - {name: low_high, type: integer, allowed: [-32, 31]}
                  - {name: wide, type: integer, allowed: [0, 40]}
                  - {name: bounded, type: number, allowed: [-1, 0, 1], min: 0}
                  - {name: signed_zero, type: number, allowed: ["-0", 1]}
                  - {name: label, type: integer, role: label}
                label: {column: label, threat: [1], benign: [0]}
                """.getBytes(StandardCharsets.UTF_8)).schema();
        RowEncoder encoder = RowEncoder.frozen(edges, null);
        for (int feature = 0; feature < 4; feature++) {
            for (long value : new long[] {-64, -33, -32, -31, -1, 0, 1, 30, 31, 32, 40, 63, 64, Long.MIN_VALUE + 1}) {
                double[] byText = new double[4];
                double[] byNumber = new double[4];
                assertEquals(encoder.encodeCell(feature, Long.toString(value), byText),
                        encoder.encodeInteger(feature, value, byNumber), "feature " + feature + ", value " + value);
                assertEquals(byText[feature], byNumber[feature], 0, "feature " + feature + ", value " + value);
            }
        }
        assertEquals(CellProblem.NONE, encoder.encodeInteger(0, 31, new double[4]));
        assertEquals(CellProblem.NOT_ALLOWED, encoder.encodeInteger(0, 30, new double[4]));
        assertEquals(CellProblem.OUT_OF_RANGE, encoder.encodeInteger(2, -1, new double[4]), "allowed, but under the minimum");
    }

    @Test
    void rangesAndMissingTextsFollowTheSchema() {
        assertEquals(CellProblem.NONE, encode(2, "0.5"));
        assertEquals(CellProblem.OUT_OF_RANGE, encode(2, "1.5"));
        assertEquals(CellProblem.NONE, encode(2, "NA"), "nullable: a missing text is fine");
        assertEquals(CellProblem.NONE, encode(2, " ? "), "stripped before it is compared");
        assertEquals(CellProblem.NONE, encode(2, "-9"), "a number can be a missing marker");
        assertEquals(CellProblem.MISSING, encode(0, "-9"), "not nullable");
        assertEquals(CellProblem.MISSING, encode(0, ""));
    }

    @Test
    void asciiBytesAndValuesEncodeAsTheirTextWould() {
        RowEncoder encoder = RowEncoder.frozen(SCHEMA, null);
        String[] cells = {"-1", "0", "1", "2", "-0", "01", "+1", " 1", "1.0", "10", "11", "-9", "?", "NA", "", "0.5", "1.5",
            "6", "17", "x", "123456789012345678", "-123456789012345678", "1234567890123456789"};
        for (int feature = 0; feature < 4; feature++) {
            for (String cell : cells) {
                double[] byText = new double[4];
                double[] byBytes = new double[4];
                byte[] bytes = (",," + cell + ",").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                assertEquals(encoder.encodeCell(feature, cell, byText),
                        encoder.encodeAscii(feature, bytes, 2, 2 + cell.length(), byBytes), "feature " + feature + ", '" + cell + "'");
                assertEquals(Double.doubleToRawLongBits(byText[feature]), Double.doubleToRawLongBits(byBytes[feature]),
                        "feature " + feature + ", '" + cell + "'");
            }
            for (Object value : new Object[] {-1, 1L, 1.0, -1.0f, 0.5, 0.5f, 17, "6", null, 1e20, new java.math.BigDecimal("1.0")}) {
                double[] byText = new double[4];
                double[] byValue = new double[4];
                String text = CellValue.textOf(value);
                assertEquals(encoder.encodeCell(feature, text, byText), encoder.encodeValue(feature, value, byValue),
                        "feature " + feature + ", " + value);
                assertEquals(Double.doubleToRawLongBits(byText[feature]), Double.doubleToRawLongBits(byValue[feature]),
                        "feature " + feature + ", " + value);
            }
        }
    }
}
