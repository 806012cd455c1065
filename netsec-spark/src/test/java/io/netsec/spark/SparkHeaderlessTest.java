package io.netsec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netsec.core.data.DataException;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.SchemaLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CSV input without a header line ({@code header: false}) has the schema's columns by position, as netsec predict reads it. */
class SparkHeaderlessTest {

    private static final String SCHEMA = """
            name: flows
            header: false
            columns:
              - {name: bytes, type: number}
              - {name: proto, type: categorical}
              - {name: label, type: string, role: label}
            label: {column: label, benign: [normal]}
            """;

    @TempDir
    static Path work;
    static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[1]").appName("netsec-spark headerless")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static DataSchema schema(String yaml) {
        return SchemaLoader.parse("flows.yaml", yaml.getBytes(StandardCharsets.UTF_8)).schema();
    }

    @Test
    void namesTheColumnsByPositionAndKeepsTheFirstRow() throws Exception {
        Path csv = Files.writeString(work.resolve("rows.csv"), "10,tcp,normal\n900,udp,neptune\n");
        Dataset<Row> table = SparkTables.read(spark, csv.toString(), SparkTables.Format.CSV, schema(SCHEMA));
        assertEquals(List.of("bytes", "proto", "label"), List.of(table.columns()));
        assertEquals(List.of("10", "900"), table.select("bytes").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        Path unlabelled = Files.writeString(work.resolve("unlabelled.csv"), "10,tcp\n");
        assertEquals(List.of("bytes", "proto"),
                List.of(SparkTables.read(spark, unlabelled.toString(), SparkTables.Format.CSV, schema(SCHEMA)).columns()));
        Dataset<Row> withHeader = SparkTables.read(spark, csv.toString(), SparkTables.Format.CSV,
                schema(SCHEMA.replace("header: false\n", "")));
        assertEquals(1, withHeader.count(), "a schema with a header line: the first line names the columns, as before");
    }

    @Test
    void refusesRowsWiderThanTheSchema() throws Exception {
        Path csv = Files.writeString(work.resolve("wide.csv"), "10,tcp,normal,7\n");
        DataException e = assertThrows(DataException.class,
                () -> SparkTables.read(spark, csv.toString(), SparkTables.Format.CSV, schema(SCHEMA)));
        assertTrue(e.getMessage().contains("the rows have 4 cells but the schema names 3 columns by position"), e.getMessage());
    }
}
