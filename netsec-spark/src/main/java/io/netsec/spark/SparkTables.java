package io.netsec.spark;

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
        return switch (format) {
            case CSV -> spark.read()
                    .option("header", "true")
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
