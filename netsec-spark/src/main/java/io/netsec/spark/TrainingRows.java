package io.netsec.spark;

import io.netsec.core.data.CellProblem;
import io.netsec.core.data.CellValue;
import io.netsec.core.data.DataException;
import io.netsec.core.data.RowEncoder;
import io.netsec.core.data.TableHeader;
import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.ColumnType;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.schema.LabelSpec;
import io.netsec.core.schema.LoadedSchema;
import io.netsec.core.schema.SchemaLoader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * The labelled rows of a training input, encoded by netsec-core's {@link RowEncoder} as
 * {@code netsec train} reads a file and the scorer reads a row ({@link CellValue}: a cell is the
 * text it stands for): a DataFrame of {@code row} (the 0-based position in the input, in the
 * input's partition order: a single file's order), {@code label} (1 threat, 0 benign) and
 * {@code raw} (the encoded features, NaN for a missing cell). A row that breaks the schema fails
 * the job with a {@link BadRowException}, as it fails {@code netsec train}.
 */
final class TrainingRows {

    static final String ROW = "row";
    static final String LABEL = "label";
    static final String RAW = "raw";

    static final StructType SCHEMA = new StructType()
            .add(ROW, DataTypes.LongType, false)
            .add(LABEL, DataTypes.IntegerType, false)
            .add(RAW, DataTypes.createArrayType(DataTypes.DoubleType, false), false);

    private TrainingRows() {
    }

    /**
     * The vocabularies of the schema's features: a categorical column's allowed values, in the
     * schema's order (as {@link RowEncoder#learning} starts from them).
     *
     * @throws IllegalArgumentException for a categorical feature without allowed values, whose
     *         vocabulary {@code netsec train} learns in order of appearance (not done here)
     */
    static List<List<String>> vocabularies(DataSchema schema) {
        List<List<String>> vocabularies = new ArrayList<>();
        for (ColumnSpec column : schema.features()) {
            if (column.type() == ColumnType.CATEGORICAL && column.allowed().isEmpty()) {
                throw new IllegalArgumentException("netsec-spark train needs the allowed values of the categorical"
                        + " column '" + column.name() + "' in the schema (netsec train learns them from the rows)");
            }
            vocabularies.add(column.type() == ColumnType.CATEGORICAL ? column.allowed() : List.of());
        }
        return vocabularies;
    }

    /** The encoded rows of {@code input} (lazy); {@code source} names the input in messages. */
    static Dataset<Row> encode(SparkSession spark, Dataset<Row> input, LoadedSchema schema,
                               List<List<String>> vocabularies, String source) {
        List<String> names = Arrays.asList(input.columns());
        TableHeader.match(source, names, schema.schema()).requireColumns(schema.schema(), false);
        JavaRDD<Row> rows = input.javaRDD().zipWithIndex()
                .mapPartitions(new EncodePartition(schema, vocabularies, names, source));
        return spark.createDataFrame(rows, SCHEMA);
    }

    /**
     * Each row's label, in row order: one byte a row reaches the driver, which splits the rows by
     * class as {@code netsec train} does ({@code DataSplitter}).
     */
    static int[] labels(Dataset<Row> encoded) {
        List<byte[]> parts = encoded.select(LABEL).javaRDD().mapPartitions((Iterator<Row> it) -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (it.hasNext()) {
                bytes.write(it.next().getInt(0));
            }
            return List.of(bytes.toByteArray()).iterator();
        }).collect();
        int size = parts.stream().mapToInt(part -> part.length).sum();
        int[] labels = new int[size];
        int at = 0;
        for (byte[] part : parts) {
            for (byte label : part) {
                labels[at++] = label;
            }
        }
        return labels;
    }

    /**
     * Repeats in the rows, as {@code netsec train} counts them: rows whose feature vector and
     * label repeat an earlier row's, distinct feature vectors, and vectors seen with both labels;
     * and the test rows whose feature vector is also in the training part.
     */
    record Counts(long duplicateRows, long distinctFeatureVectors, long conflictingVectors, long testRowsWithCopyInTrain) {
    }

    static Counts counts(SparkSession spark, Dataset<Row> encoded, Broadcast<byte[]> assignment, byte testPart) {
        Row totals = encoded.groupBy(functions.col(RAW))
                .agg(functions.count(functions.lit(1)).as("n"), functions.sum(functions.col(LABEL)).as("threats"))
                .agg(functions.count(functions.lit(1)),
                        functions.sum(functions.expr("greatest(threats - 1, 0) + greatest(n - threats - 1, 0)")),
                        functions.sum(functions.expr("if(threats > 0 and n > threats, 1, 0)")))
                .first();
        JavaRDD<Row> sides = encoded.select(ROW, RAW).javaRDD().map(row -> RowFactory.create(row.get(1),
                (assignment.value()[(int) row.getLong(0)] & SparkTraining.FOLD_BITS) == testPart));
        Dataset<Row> side = spark.createDataFrame(sides, new StructType()
                .add(RAW, DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("test", DataTypes.BooleanType, false));
        long copies = side.filter("test").join(side.filter("not test").select(RAW).distinct(), RAW, "left_semi")
                .count();
        return new Counts(totals.getLong(1), totals.getLong(0), totals.getLong(2), copies);
    }

    /** The raw features of an encoded row. */
    static double[] raw(Row row) {
        List<Double> values = row.getList(2);
        double[] raw = new double[values.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = values.get(i);
        }
        return raw;
    }

    /** Encodes one partition; runs on the executors. */
    private static final class EncodePartition implements FlatMapFunction<Iterator<Tuple2<Row, Long>>, Row> {

        private static final long serialVersionUID = 1L;

        // netsec-core's schema is not Serializable: its YAML travels and each task parses it
        private final String schemaSource;
        private final byte[] schemaYaml;
        private final List<List<String>> vocabularies;
        private final List<String> names;
        private final String source;

        EncodePartition(LoadedSchema schema, List<List<String>> vocabularies, List<String> names, String source) {
            this.schemaSource = "schema.yaml";
            this.schemaYaml = schema.yaml().getBytes(StandardCharsets.UTF_8);
            this.vocabularies = vocabularies.stream().map(List::copyOf).toList();
            this.names = List.copyOf(names);
            this.source = source;
        }

        @Override
        public Iterator<Row> call(Iterator<Tuple2<Row, Long>> rows) {
            DataSchema schema = SchemaLoader.parse(schemaSource, schemaYaml).schema();
            RowEncoder encoder = RowEncoder.frozen(schema, vocabularies);
            TableHeader header = TableHeader.match(source, names, schema);
            int features = encoder.features().size();
            int[] featureSource = new int[features];
            for (int f = 0; f < features; f++) {
                featureSource[f] = header.sourceIndex(encoder.schemaIndexOfFeature(f));
            }
            int labelSource = header.sourceIndex(schema.labelIndex());
            RowPosition position = new RowPosition();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    Tuple2<Row, Long> indexed = rows.next();
                    Row in = indexed._1();
                    position.advance();
                    double[] raw = new double[features];
                    for (int f = 0; f < features; f++) {
                        Object value = in.get(featureSource[f]);
                        CellProblem problem = encoder.encodeValue(f, value, raw);
                        if (problem != CellProblem.NONE) {
                            throw position.failure(new DataException(source, indexed._2() + 1,
                                    encoder.features().get(f).name(), RowEncoder.describe(problem, CellValue.textOf(value))));
                        }
                    }
                    String labelCell = CellValue.textOf(in.get(labelSource));
                    LabelSpec.LabelClass label = labelCell == null ? null : encoder.labelOf(labelCell);
                    if (label == null) {
                        throw position.failure(new DataException(source, indexed._2() + 1, schema.label().column(),
                                labelCell == null || schema.isMissing(labelCell) ? "the label is missing"
                                        : "label '" + labelCell + "' is neither a threat value " + schema.label().threat()
                                        + " nor a benign value " + schema.label().benign()));
                    }
                    return RowFactory.create(indexed._2(), label == LabelSpec.LabelClass.THREAT ? 1 : 0, raw);
                }
            };
        }
    }
}
