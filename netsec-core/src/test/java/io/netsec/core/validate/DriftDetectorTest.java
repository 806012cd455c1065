package io.netsec.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.data.CsvRecordSource;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.DriftSettings;
import io.netsec.core.schema.SchemaLoader;
import io.netsec.core.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drift verdicts on hand-made columns; the verdicts on generated data sets are netsec-ingestion's GeneratedDriftTest. */
class DriftDetectorTest {

    private static final DataSchema TRAFFIC = SchemaLoader.load(TestData.networkTrafficSchema()).schema();

    @Test
    void handlesConstantAndEmptyColumnsWithoutNaN() throws IOException {
        DataSchema schema = SchemaLoader.parse("c.yaml", """
                name: c
                columns:
                  - {name: constant, type: number}
                  - {name: empty, type: number, nullable: true}
                  - {name: spread, type: number}
                  - {name: kind, type: categorical}
                  - {name: y, type: string, role: label}
                label: {column: y, benign: [ok]}
                """.getBytes(StandardCharsets.UTF_8)).schema();
        StringBuilder ref = new StringBuilder("constant,empty,spread,kind,y\n");
        StringBuilder cur = new StringBuilder("constant,empty,spread,kind,y\n");
        for (int i = 0; i < 2_000; i++) {
            ref.append("5,,").append(i % 100).append(",a,ok\n");
            cur.append("5,,").append(i % 100).append(",a,ok\n");
        }
        for (int referenceLimit : List.of(10_000, 10)) {
            DriftSettings settings = new DriftSettings(0.05, 0.1, 0.1, 0.2, referenceLimit, 0.5);
            DriftReport report = new DriftDetector().compare(profileOf(schema, ref), profileOf(schema, cur), settings);
            for (ColumnDrift column : report.columns()) {
                assertFalse(Double.isNaN(column.statistic()) || Double.isNaN(column.psi()), column.toString());
                assertTrue(column.pValue() == null || !column.pValue().isNaN(), column.toString());
                assertFalse(column.drift(), column.toString());
            }
            assertEquals(DriftDetector.NONE, report.column("empty").method());
            assertFalse(report.datasetDrift());
        }
        StringBuilder moved = new StringBuilder("constant,empty,spread,kind,y\n");
        for (int i = 0; i < 2_000; i++) {
            moved.append("6,,").append(i % 100).append(",a,ok\n");
        }
        DriftReport report = new DriftDetector().compare(profileOf(schema, ref), profileOf(schema, moved), TRAFFIC.drift());
        assertTrue(report.column("constant").drift(), "a constant that changes value has drifted");
    }

    private static DataProfile profileOf(DataSchema schema, CharSequence csv) throws IOException {
        try (CsvRecordSource source = CsvRecordSource.open("inline",
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), schema)) {
            return DataProfile.of(source, schema);
        }
    }
}
