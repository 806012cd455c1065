package io.netsec.spark;

import io.netsec.core.data.DataException;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.DataSchema;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Reading and writing the job's tables. CSV is read with every column as text (no type
 * inference, RFC 4180 quoting), so cells reach the scorer as {@code netsec predict} reads them and
 * are written back unchanged; Parquet keeps its column types.
 */
public final class SparkTables {

    private SparkTables() {
    }

    /** A table format. */
    public enum Format {
        CSV, PARQUET;

        /** The format named {@code name}, or the one a path's extension says (Parquet for .parquet, else CSV). */
        public static Format of(String name, String path) {
            if (name != null && !name.isBlank()) {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            }
            String lower = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
            return lower.endsWith(".parquet") || lower.endsWith(".pq") ? PARQUET : CSV;
        }
    }

    public static Dataset<Row> read(SparkSession spark, String path, Format format) {
        return read(spark, path, format, true);
    }

    /**
     * The table at {@code path}, read as {@code schema} says: a CSV file without a header line
     * ({@code header: false}) has the schema's columns by position, as {@code netsec predict}
     * reads it; a file wider than the schema is refused.
     */
    public static Dataset<Row> read(SparkSession spark, String path, Format format, DataSchema schema) {
        if (format == Format.PARQUET || schema.header()) {
            return read(spark, path, format);
        }
        Dataset<Row> table = read(spark, path, format, false);
        int width = table.columns().length;
        List<ColumnSpec> columns = schema.columns();
        if (width > columns.size()) {
            throw new DataException(path, 1, null, "the rows have " + width + " cells but the schema names "
                    + columns.size() + " columns by position (it says 'header: false'); declare the other "
                    + (width - columns.size()) + " in the schema, with 'role: ignore' if they are not used");
        }
        return table.toDF(columns.subList(0, width).stream().map(ColumnSpec::name).toArray(String[]::new));
    }

    private static Dataset<Row> read(SparkSession spark, String path, Format format, boolean header) {
        return switch (format) {
            case CSV -> spark.read()
                    .option("header", Boolean.toString(header))
                    .option("inferSchema", "false")
                    .option("quote", "\"")
                    .option("escape", "\"")
                    .option("mode", "FAILFAST")
                    .csv(path);
            case PARQUET -> spark.read().parquet(path);
        };
    }

    /** Writes {@code table} to the folder {@code path} (Spark's part files), replacing it. */
    public static void write(Dataset<Row> table, String path, Format format) {
        switch (format) {
            case CSV -> table.write().mode(SaveMode.Overwrite)
                    .option("header", "true")
                    .option("quote", "\"")
                    .option("escape", "\"")
                    .option("nullValue", "")
                    .option("emptyValue", "")
                    .csv(path);
            case PARQUET -> table.write().mode(SaveMode.Overwrite).parquet(path);
        }
    }
}
