package io.netsec.onnx;

import static io.netsec.onnx.GraphBuilder.attribute;

import io.netsec.core.schema.ColumnSpec;
import io.netsec.core.schema.ColumnType;
import io.netsec.core.schema.DataSchema;
import io.netsec.core.transform.FittedColumn;
import io.netsec.core.transform.FittedColumn.ColumnEncoding;
import io.netsec.core.transform.FittedTransform;
import io.netsec.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes that do what {@link FittedTransform#apply} does: from the graph's inputs (one
 * {@code [N]} tensor per feature column) to the model input, as a {@code [F, N]} double matrix
 * (one row per model input, in the transformation's order).
 *
 * <p>Columns of a kind are handled together, so that the node count does not grow with the
 * number of numeric columns (ONNX Runtime pays a fixed cost per node and call, which is most of
 * a one-record call): all integer inputs are stacked into one {@code [a, N]} matrix, all number
 * inputs into one {@code [b, N]} matrix, then one fill ({@code Where}), one {@code Sub} and one
 * {@code Div} with a value per row do the imputation and scaling of every numeric column. Each
 * categorical column takes one {@code LabelEncoder} from its text to its ordinal value, or to its
 * row in the one-hot block, whose rows are then compared with their own index all at once.
 *
 * <p>Exactness: a fill, {@code x - center} and {@code / scale} in double are the same IEEE
 * operations as netsec's; {@code x - 0} and {@code x / 1} give {@code x} back, so columns that are
 * not scaled may share the scaled columns' nodes. Ordinal values, {@code (code - center) / scale},
 * are computed here in Java, once per category, as netsec computes them per row.
 */
final class TransformGraph {

    private TransformGraph() {
    }

    /**
     * Adds the transformation's nodes; returns the name of the {@code [F, N]} model input.
     *
     * @param inputs the graph's input names, one per feature column in schema order
     */
    static String build(GraphBuilder graph, DataSchema schema, List<String> inputs, List<List<String>> vocabularies,
                        FittedTransform transform) {
        List<ColumnSpec> features = schema.features();
        List<FittedColumn> columns = transform.columns();
        Kinds kinds = Kinds.of(features, columns);
        List<String> blocks = new ArrayList<>();
        // The model input's rows as they are stacked below: numeric columns (integers, then
        // numbers), ordinal columns, then the one-hot block; each transformation output i is
        // at row rowOf[i].
        int[] start = outputStarts(columns);
        int[] rowOf = new int[transform.outputWidth()];
        int row = 0;
        for (int c : kinds.numeric()) {
            rowOf[start[c]] = row++;
        }
        for (int c : kinds.ordinal()) {
            rowOf[start[c]] = row++;
        }
        for (int c : kinds.oneHot()) {
            for (int k = 0; k < columns.get(c).width(); k++) {
                rowOf[start[c] + k] = row++;
            }
        }
        if (!kinds.numeric().isEmpty()) {
            blocks.add(numeric(graph, schema, inputs, columns, kinds));
        }
        if (!kinds.ordinal().isEmpty()) {
            List<String> values = new ArrayList<>();
            for (int c : kinds.ordinal()) {
                values.add(ordinal(graph, schema, inputs.get(c), vocabularies.get(c), columns.get(c)));
            }
            blocks.add(stack(graph, "ordinal", values));
        }
        if (!kinds.oneHot().isEmpty()) {
            blocks.add(oneHot(graph, schema, inputs, vocabularies, columns, kinds.oneHot()));
        }
        String stacked = blocks.size() == 1 ? blocks.get(0) : graph.op("Concat", "model_input_by_kind", blocks, attribute("axis", 0));
        boolean inOrder = true;
        for (int i = 0; i < rowOf.length; i++) {
            inOrder &= rowOf[i] == i;
        }
        if (inOrder) {
            return stacked;
        }
        String order = graph.int64s("model_input_order", new long[] {rowOf.length},
                java.util.Arrays.stream(rowOf).asLongStream().toArray());
        return graph.op("Gather", "model_input", List.of(stacked, order), attribute("axis", 0));
    }

    /** The feature columns by how they are encoded: numeric (integers first, then numbers), ordinal, one-hot. */
    private record Kinds(List<Integer> integers, List<Integer> numbers, List<Integer> ordinal, List<Integer> oneHot) {

        static Kinds of(List<ColumnSpec> features, List<FittedColumn> columns) {
            Kinds kinds = new Kinds(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int c = 0; c < features.size(); c++) {
                ColumnType type = features.get(c).type();
                ColumnEncoding encoding = columns.get(c).encoding();
                if (type == ColumnType.INTEGER && encoding == ColumnEncoding.NUMERIC) {
                    kinds.integers.add(c);
                } else if (type == ColumnType.NUMBER && encoding == ColumnEncoding.NUMERIC) {
                    kinds.numbers.add(c);
                } else if (type == ColumnType.CATEGORICAL && encoding == ColumnEncoding.ORDINAL) {
                    kinds.ordinal.add(c);
                } else if (type == ColumnType.CATEGORICAL && encoding == ColumnEncoding.ONE_HOT) {
                    if (columns.get(c).width() > 0) { // a column with no category gives no model input
                        kinds.oneHot.add(c);
                    }
                } else {
                    throw new OnnxExportException("column '" + features.get(c).name() + "' is a " + type.name().toLowerCase(
                            java.util.Locale.ROOT) + " column with " + encoding.name().toLowerCase(java.util.Locale.ROOT)
                            + " encoding in the bundle's transformation, which netsec does not make; the bundle is not exported");
                }
            }
            return kinds;
        }

        List<Integer> numeric() {
            List<Integer> numeric = new ArrayList<>(integers);
            numeric.addAll(numbers);
            return numeric;
        }
    }

    private static int[] outputStarts(List<FittedColumn> columns) {
        int[] start = new int[columns.size()];
        int width = 0;
        for (int c = 0; c < columns.size(); c++) {
            start[c] = width;
            width += columns.get(c).width();
        }
        return start;
    }

    /** Stacks {@code [N]} tensors of one type into a {@code [k, N]} matrix, one row each. */
    private static String stack(GraphBuilder graph, String name, List<String> vectors) {
        String flat = vectors.size() == 1 ? vectors.get(0) : graph.op("Concat", name + "_flat", vectors, attribute("axis", 0));
        String shape = graph.int64s(name + "_shape", new long[] {2}, vectors.size(), -1);
        return graph.op("Reshape", name, List.of(flat, shape));
    }

    /** The numeric columns imputed and scaled: {@code [a + b, N]} double. */
    private static String numeric(GraphBuilder graph, DataSchema schema, List<String> inputs, List<FittedColumn> columns,
                                  Kinds kinds) {
        List<String> values = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (!kinds.integers().isEmpty()) {
            String integers = stack(graph, "integers", kinds.integers().stream().map(inputs::get).toList());
            long[] markers = MissingValues.integers(schema);
            long[] all = new long[markers.length + 1];
            all[0] = MissingValues.INT64_MISSING;
            System.arraycopy(markers, 0, all, 1, markers.length);
            String isMissing = null;
            for (long marker : all) {
                String equal = graph.op("Equal", "integers_are_" + marker, List.of(integers,
                        graph.int64s("integer_marker", new long[0], marker)));
                isMissing = isMissing == null ? equal : graph.op("Or", "integers_missing", List.of(isMissing, equal));
            }
            values.add(graph.op("Cast", "integers_as_double", List.of(integers),
                    attribute("to", TensorProto.DataType.DOUBLE_VALUE)));
            missing.add(isMissing);
        }
        if (!kinds.numbers().isEmpty()) {
            String numbers = stack(graph, "numbers", kinds.numbers().stream().map(inputs::get).toList());
            String isMissing = graph.op("IsNaN", "numbers_are_nan", List.of(numbers));
            for (double marker : MissingValues.numbers(schema)) {
                String equal = graph.op("Equal", "numbers_are_" + marker, List.of(numbers,
                        graph.doubles("number_marker", new long[0], marker)));
                isMissing = graph.op("Or", "numbers_missing", List.of(isMissing, equal));
            }
            values.add(numbers);
            missing.add(isMissing);
        }
        String raw = values.size() == 1 ? values.get(0) : graph.op("Concat", "numeric_raw", values, attribute("axis", 0));
        String isMissing = missing.size() == 1 ? missing.get(0) : graph.op("Concat", "numeric_missing", missing, attribute("axis", 0));
        List<Integer> numeric = kinds.numeric();
        int n = numeric.size();
        double[] fill = new double[n];
        double[] center = new double[n];
        double[] scale = new double[n];
        boolean centered = false;
        boolean scaled = false;
        for (int i = 0; i < n; i++) {
            FittedColumn column = columns.get(numeric.get(i));
            fill[i] = column.fill();
            center[i] = column.center();
            scale[i] = column.scale();
            centered |= Double.doubleToRawLongBits(center[i]) != 0L; // -0.0 is not "no centering": x - (-0.0) turns -0.0 to 0.0
            scaled |= scale[i] != 1;
        }
        long[] perRow = {n, 1};
        String filled = graph.op("Where", "numeric_filled", List.of(isMissing, graph.doubles("numeric_fill", perRow, fill), raw));
        String result = filled;
        if (centered) {
            result = graph.op("Sub", "numeric_centered", List.of(result, graph.doubles("numeric_center", perRow, center)));
        }
        if (scaled) {
            result = graph.op("Div", "numeric_scaled", List.of(result, graph.doubles("numeric_scale", perRow, scale)));
        }
        return result;
    }

    /**
     * An ordinal column: its text to {@code (code - center) / scale}, the fill's value for a
     * missing marker and for a category the bundle does not know ({@code [N]} double).
     */
    private static String ordinal(GraphBuilder graph, DataSchema schema, String input, List<String> vocabulary,
                                  FittedColumn column) {
        double fill = (column.fill() - column.center()) / column.scale();
        Map<String, Double> values = new LinkedHashMap<>();
        for (String marker : MissingValues.texts(schema)) {
            values.put(marker, fill); // a marker is missing before it is looked up as a category
        }
        for (int code = 0; code < vocabulary.size(); code++) {
            values.putIfAbsent(vocabulary.get(code), (code - column.center()) / column.scale());
        }
        double[] encoded = values.values().stream().mapToDouble(Double::doubleValue).toArray();
        return graph.node("LabelEncoder", GraphBuilder.ML, column.name() + "_ordinal", List.of(input),
                attribute("keys_strings", List.copyOf(values.keySet())),
                attribute("values_tensor", GraphBuilder.doubleTensor("values", new long[] {encoded.length}, encoded)),
                attribute("default_tensor", GraphBuilder.doubleTensor("default", new long[] {1}, fill)));
    }

    /**
     * The one-hot block: each column's text to the block row of its category ({@code -1}, no row,
     * for a category the bundle does not know), rows gathered per output and compared with their
     * own index, {@code [K, N]} double of zeros and ones.
     */
    private static String oneHot(GraphBuilder graph, DataSchema schema, List<String> inputs, List<List<String>> vocabularies,
                                 List<FittedColumn> columns, List<Integer> oneHot) {
        List<String> rows = new ArrayList<>();
        List<Long> owner = new ArrayList<>();
        int offset = 0;
        for (int j = 0; j < oneHot.size(); j++) {
            int c = oneHot.get(j);
            FittedColumn column = columns.get(c);
            int width = column.width();
            List<String> vocabulary = vocabularies.get(c);
            // netsec: a missing value takes the fill's code, an unknown category the code -1, and
            // input k is 1 where the code equals k (so a code outside 0..width-1 sets none)
            double fill = column.fill();
            long fillRow = fill == Math.rint(fill) && fill >= 0 && fill < width ? offset + (long) fill : -1;
            Map<String, Long> codes = new LinkedHashMap<>();
            for (String marker : MissingValues.texts(schema)) {
                codes.put(marker, fillRow);
            }
            for (int code = 0; code < vocabulary.size(); code++) {
                codes.putIfAbsent(vocabulary.get(code), code < width ? offset + code : -1L);
            }
            rows.add(graph.node("LabelEncoder", GraphBuilder.ML, column.name() + "_one_hot_row", List.of(inputs.get(c)),
                    attribute("keys_strings", List.copyOf(codes.keySet())),
                    attribute("values_int64s", codes.values().stream().mapToLong(Long::longValue).toArray()),
                    attribute("default_int64", -1)));
            for (int k = 0; k < width; k++) {
                owner.add((long) j);
            }
            offset += width;
        }
        String stacked = stack(graph, "one_hot_rows", rows);
        String perOutput = graph.op("Gather", "one_hot_row_per_output", List.of(stacked,
                graph.int64s("one_hot_owner", new long[] {owner.size()}, owner.stream().mapToLong(Long::longValue).toArray())),
                attribute("axis", 0));
        long[] index = new long[offset];
        for (int r = 0; r < offset; r++) {
            index[r] = r;
        }
        String hot = graph.op("Equal", "one_hot", List.of(perOutput, graph.int64s("one_hot_index", new long[] {offset, 1}, index)));
        return graph.op("Cast", "one_hot_as_double", List.of(hot), attribute("to", TensorProto.DataType.DOUBLE_VALUE));
    }
}
