package io.netsec.onnx;

import static io.netsec.onnx.GraphBuilder.attribute;

import io.netsec.core.model.ClassLinear;
import io.netsec.core.model.ClassModel;
import io.netsec.core.model.ClassTrees;
import io.netsec.onnx.proto.OnnxMl.TensorProto;
import java.util.List;

/**
 * The nodes that do what a {@link ClassModel}'s {@code classProbabilities} does, from the
 * {@code [F, N]} model input to the {@code [N, K]} double class probabilities (the benign class
 * first), in netsec's order of operations:
 * <ul>
 * <li>{@code probability_average}: one TreeEnsemble of K targets, each tree once per class (its
 * class values), summed in tree order as {@link ModelGraph} sums a binary forest's two; the total
 * added class by class; each sum divided by it (uniform when it is 0).</li>
 * <li>{@code margin_sum}: one TreeEnsemble of K targets, each class's base score a first
 * constant tree, each tree's leaves on its class; in float for a float32 ensemble; then the
 * softmax as netsec computes it (for float32, XGBoost's: the largest margin and {@code exp}'s
 * argument in float, {@code exp} in double rounded to float, the sum in double, the division in float).</li>
 * <li>{@code class_linear}: each class's margin by {@code CumSum} over its intercept and terms, as
 * {@link ModelGraph} sums a logistic model's; then {@code p[k] = 1 / sum_n exp(v[n] - v[k])}, the
 * sum over {@code n} in order.</li>
 * </ul>
 * Sums over classes are chains of {@code Add} (class 0 first), not {@code ReduceSum}, whose order
 * ONNX does not fix. {@code exp} is ONNX Runtime's: a few ulps from Java's, as for the binary models.
 */
final class ClassModelGraph {

    private ClassModelGraph() {
    }

    /** Adds the model's nodes; returns the name of the {@code [N, K]} double class probabilities. */
    static String build(GraphBuilder graph, ClassModel model, String input) {
        return switch (model) {
            case ClassTrees trees -> trees(graph, trees, graph.op("Transpose", "model_input_by_row", List.of(input),
                    attribute("perm", new long[] {1, 0})));
            case ClassLinear linear -> linear(graph, linear, input);
        };
    }

    /** {@code 1 - p[:, 0]}: the threat probability, as {@link ClassModel#threatProbability} answers it. */
    static String threatProbability(GraphBuilder graph, String classProbabilities) {
        String benign = ModelGraph.column(graph, classProbabilities, 0, "benign_probability");
        return graph.op("Sub", "probability", List.of(graph.doubles("one", new long[0], 1), benign));
    }

    private static String trees(GraphBuilder graph, ClassTrees trees, String rows) {
        int k = trees.classCount();
        int[] roots = trees.treeRoots();
        double[] classValue = trees.classValue();
        double[] threshold = trees.threshold();
        int[] feature = trees.feature();
        int[] left = trees.left();
        int[] right = trees.right();
        boolean[] missingLeft = trees.missingLeft();
        boolean margins = trees.aggregation() == ClassTrees.Aggregation.MARGIN_SUM;
        boolean inFloat = margins && trees.float32();
        double[] split = new double[threshold.length];
        for (int i = 0; i < split.length; i++) {
            split[i] = !trees.float32() ? threshold[i] : inFloat ? (float) threshold[i] : FloatThresholds.asDouble((float) threshold[i]);
        }
        ModelGraph.Nodes nodes = new ModelGraph.Nodes();
        if (margins) {
            int[] treeClass = trees.treeClass();
            double[] base = trees.baseScore();
            for (int c = 0; c < k; c++) {
                nodes.addConstantTree(c, inFloat ? (float) base[c] : base[c]);
            }
            for (int t = 0; t < roots.length; t++) {
                int c = treeClass[t];
                ModelGraph.addTree(nodes, roots[t], feature, split, left, right, missingLeft,
                        leaf -> c, leaf -> inFloat ? (float) classValue[leaf * k + c] : classValue[leaf * k + c]);
            }
        } else {
            for (int root : roots) {
                for (int c = 0; c < k; c++) {
                    int target = c;
                    ModelGraph.addTree(nodes, root, feature, split, left, right, missingLeft,
                            leaf -> target, leaf -> classValue[leaf * k + target]);
                }
            }
        }
        String input = inFloat ? graph.op("Cast", "model_input_float", List.of(rows),
                attribute("to", TensorProto.DataType.FLOAT_VALUE)) : rows;
        String sums = ModelGraph.treeEnsemble(graph, nodes, input, inFloat, k, margins ? "class_margins" : "class_sums");
        if (!margins) {
            String total = sumOfColumns(graph, sums, k, "class_total");
            String shares = graph.op("Div", "class_shares", List.of(sums, total));
            String empty = graph.op("Equal", "no_class_weight", List.of(total, graph.doubles("zero", new long[0], 0)));
            return graph.op("Where", "class_probabilities", List.of(empty, graph.doubles("uniform", new long[0], 1.0 / k), shares));
        }
        return inFloat ? softmaxFloat(graph, sums, k) : softmax(graph, sums, k);
    }

    /** Columns {@code 0..k-1} of a {@code [N, k]} matrix added in that order, as {@code [N, 1]}. */
    private static String sumOfColumns(GraphBuilder graph, String matrix, int k, String name) {
        String sum = slice(graph, matrix, 0, name + "_0");
        for (int c = 1; c < k; c++) {
            sum = graph.op("Add", name + "_" + c, List.of(sum, slice(graph, matrix, c, name + "_term_" + c)));
        }
        return sum;
    }

    /** Column {@code c} of a {@code [N, k]} matrix, kept as {@code [N, 1]}. */
    private static String slice(GraphBuilder graph, String matrix, int c, String name) {
        return graph.op("Gather", name, List.of(matrix, graph.int64s(name + "_index", new long[] {1}, c)), attribute("axis", 1));
    }

    /** netsec's double softmax: {@code exp(m - max)}, their sum in class order, each divided by it. */
    private static String softmax(GraphBuilder graph, String margins, int k) {
        String largest = graph.op("ReduceMax", "largest_margin", List.of(margins, graph.int64s("class_axis", new long[] {1}, 1)),
                attribute("keepdims", 1));
        String e = graph.op("Exp", "exp_margins", List.of(graph.op("Sub", "margins_below_max", List.of(margins, largest))));
        return graph.op("Div", "class_probabilities", List.of(e, sumOfColumns(graph, e, k, "exp_total")));
    }

    /** XGBoost's float softmax, as netsec computes it. */
    private static String softmaxFloat(GraphBuilder graph, String margins, int k) {
        String largest = graph.op("ReduceMax", "largest_margin", List.of(margins, graph.int64s("class_axis", new long[] {1}, 1)),
                attribute("keepdims", 1));
        String below = graph.op("Cast", "margins_below_max_double", List.of(graph.op("Sub", "margins_below_max",
                List.of(margins, largest))), attribute("to", TensorProto.DataType.DOUBLE_VALUE));
        String e = graph.op("Cast", "exp_margins_float", List.of(graph.op("Exp", "exp_margins", List.of(below))),
                attribute("to", TensorProto.DataType.FLOAT_VALUE));
        String eDouble = graph.op("Cast", "exp_margins_double", List.of(e), attribute("to", TensorProto.DataType.DOUBLE_VALUE));
        String sum = graph.op("Cast", "exp_total_float", List.of(sumOfColumns(graph, eDouble, k, "exp_total")),
                attribute("to", TensorProto.DataType.FLOAT_VALUE));
        return graph.op("Cast", "class_probabilities", List.of(graph.op("Div", "class_probabilities_float", List.of(e, sum))),
                attribute("to", TensorProto.DataType.DOUBLE_VALUE));
    }

    /**
     * The linear model on the {@code [F, N]} input: per class, its intercept row above its terms
     * {@code w[k][i] * x[i]} ({@code [F + 1, K, N]}), summed down by {@code CumSum}; the last row is
     * the margins {@code [K, N]}. Then {@code p[k] = 1 / sum_n exp(v[n] - v[k])}.
     */
    private static String linear(GraphBuilder graph, ClassLinear linear, String input) {
        double[][] weights = linear.weights();
        int k = weights.length;
        int f = linear.featureCount();
        double[] byInput = new double[f * k]; // [F, K, 1]: input i's weight for each class
        for (int i = 0; i < f; i++) {
            for (int c = 0; c < k; c++) {
                byInput[i * k + c] = weights[c][i];
            }
        }
        String x = graph.op("Unsqueeze", "model_input_per_class", List.of(input, graph.int64s("class_axis_of_input", new long[] {1}, 1)));
        String terms = graph.op("Mul", "class_terms", List.of(x, graph.doubles("class_weights", new long[] {f, k, 1}, byInput)));
        String batch = graph.op("Shape", "batch_size", List.of(input), attribute("start", 1));
        String rowShape = graph.op("Concat", "intercept_row_shape", List.of(graph.int64s("intercept_dims", new long[] {2}, 1, k),
                batch), attribute("axis", 0));
        String intercepts = graph.op("Expand", "intercept_row", List.of(graph.doubles("intercepts", new long[] {1, k, 1},
                linear.intercepts()), rowShape));
        String summands = graph.op("Concat", "intercepts_and_terms", List.of(intercepts, terms), attribute("axis", 0));
        String sums = graph.op("CumSum", "running_class_sums", List.of(summands, graph.int64s("first_axis", new long[0], 0)));
        String byClass = graph.op("Gather", "class_margins_by_class", List.of(sums, graph.int64s("last_row", new long[0], f)),
                attribute("axis", 0));
        String margins = graph.op("Transpose", "class_margins", List.of(byClass), attribute("perm", new long[] {1, 0}));
        // d[i, k, n] = v[i, n] - v[i, k]
        String others = graph.op("Unsqueeze", "margins_as_other", List.of(margins, graph.int64s("own_axis", new long[] {1}, 1)));
        String own = graph.op("Unsqueeze", "margins_as_own", List.of(margins, graph.int64s("other_axis", new long[] {1}, 2)));
        String e = graph.op("Exp", "exp_differences", List.of(graph.op("Sub", "margin_differences", List.of(others, own))));
        String sum = null;
        for (int n = 0; n < k; n++) {
            String term = graph.op("Gather", "exp_difference_" + n, List.of(e, graph.int64s("other_" + n, new long[0], n)),
                    attribute("axis", 2));
            sum = sum == null ? term : graph.op("Add", "exp_differences_to_" + n, List.of(sum, term));
        }
        return graph.op("Div", "class_probabilities", List.of(graph.doubles("one_per_class", new long[0], 1), sum));
    }
}
