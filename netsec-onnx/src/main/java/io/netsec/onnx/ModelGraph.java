package io.netsec.onnx;

import static io.netsec.onnx.GraphBuilder.attribute;

import io.netsec.core.model.ClassModel;
import io.netsec.core.model.LinearModel;
import io.netsec.core.model.PortableModel;
import io.netsec.core.model.TreeEnsemble;
import io.netsec.onnx.proto.OnnxMl.TensorProto;
import java.util.List;

/**
 * The nodes that do what a {@link PortableModel}'s {@code threatProbability} does, from the
 * {@code [F, N]} model input to the {@code [N]} double threat probability. The model is read
 * through its data accessors only.
 *
 * <p>Exactness, operator by operator:
 * <ul>
 * <li>Trees: {@code ai.onnx.ml.TreeEnsemble} (version 5, the one tree operator whose thresholds,
 * leaves and sums may be double) with mode {@code BRANCH_LT} ({@code x < threshold} goes to the
 * true side, netsec's left) and {@code missing_value_tracks_true} set from {@code missingLeft}.
 * With one thread ONNX Runtime adds the trees' leaves in tree order, as netsec does; the base
 * score of boosted trees is a first constant tree, so that the sum starts from it as XGBoost's and
 * netsec's does (ONNX's {@code base_values} are added last).</li>
 * <li>float32 ensembles (XGBoost): the input is cast to float as netsec casts it, and the
 * ensemble compares and sums in float.</li>
 * <li>The logistic sum {@code bias + w0 x0 + w1 x1 + ...}: {@code CumSum} along the inputs adds
 * the terms one by one in that order ({@code MatMul} did not give netsec's sum).</li>
 * <li>{@code exp} of the sigmoid and of AdaBoost's softmax is ONNX Runtime's, which differs from
 * Java's {@code Math.exp} by an ulp or two on some inputs: those probabilities are equal within
 * a few ulps, not bit for bit (the tests measure it).</li>
 * </ul>
 */
final class ModelGraph {

    /** TreeEnsemble's {@code nodes_modes}: true side when {@code x < split}. */
    private static final byte BRANCH_LT = 1;
    private static final int SUM = 1;

    private ModelGraph() {
    }

    /** Adds the model's nodes; returns the name of the {@code [N]} double threat probability. */
    static String build(GraphBuilder graph, PortableModel model, String input) {
        return switch (model) {
            case TreeEnsemble trees -> trees(graph, trees, graph.op("Transpose", "model_input_by_row", List.of(input),
                    attribute("perm", new long[] {1, 0})));
            case LinearModel linear -> linear(graph, linear, input);
            // its class probabilities first: ClassModelGraph, then one minus the benign one
            case ClassModel classes -> ClassModelGraph.threatProbability(graph, ClassModelGraph.build(graph, classes, input));
        };
    }

    private static String trees(GraphBuilder graph, TreeEnsemble trees, String rows) {
        return switch (trees.aggregation()) {
            case PROBABILITY_AVERAGE -> {
                // sum(benign) and sum(threat) as two targets: every tree twice, once per class
                String sums = ensemble(graph, trees, rows, Leaves.BENIGN_AND_THREAT, false);
                String benign = column(graph, sums, 0, "benign_sum");
                String threat = column(graph, sums, 1, "threat_sum");
                String total = graph.op("Add", "class_total", List.of(benign, threat));
                String ratio = graph.op("Div", "threat_share", List.of(threat, total));
                String empty = graph.op("Equal", "no_class_weight", List.of(total, graph.doubles("zero", new long[0], 0)));
                yield graph.op("Where", "probability", List.of(empty, graph.doubles("half", new long[0], 0.5), ratio));
            }
            case WEIGHTED_VOTE -> {
                String votes = ensemble(graph, trees, rows, Leaves.VOTES, false);
                String benign = column(graph, votes, 0, "benign_votes");
                String threat = column(graph, votes, 1, "threat_votes");
                // Weka's softmax (Utils.logs2probs), as netsec computes it
                String max = graph.op("Max", "most_votes", List.of(benign, threat));
                String expBenign = graph.op("Exp", "exp_benign", List.of(graph.op("Sub", "benign_below_max", List.of(benign, max))));
                String expThreat = graph.op("Exp", "exp_threat", List.of(graph.op("Sub", "threat_below_max", List.of(threat, max))));
                yield graph.op("Div", "probability", List.of(expThreat, graph.op("Add", "exp_total", List.of(expBenign, expThreat))));
            }
            case MARGIN_SUM -> {
                if (trees.float32()) {
                    String rowsFloat = graph.op("Cast", "model_input_float", List.of(rows),
                            attribute("to", TensorProto.DataType.FLOAT_VALUE));
                    String margin = column(graph, ensemble(graph, trees, rowsFloat, Leaves.MARGIN, true), 0, "margin");
                    yield graph.op("Cast", "probability", List.of(sigmoidFloat(graph, margin)),
                            attribute("to", TensorProto.DataType.DOUBLE_VALUE));
                }
                yield sigmoid(graph, column(graph, ensemble(graph, trees, rows, Leaves.MARGIN, false), 0, "margin"));
            }
        };
    }

    /** Column {@code index} of a {@code [N, k]} matrix, as {@code [N]}. */
    static String column(GraphBuilder graph, String matrix, int index, String name) {
        return graph.op("Gather", name, List.of(matrix, graph.int64s(name + "_index", new long[0], index)), attribute("axis", 1));
    }

    /** {@code 1 / (1 + exp(-margin))} in double. */
    private static String sigmoid(GraphBuilder graph, String margin) {
        String one = graph.doubles("one", new long[0], 1);
        String exp = graph.op("Exp", "exp_minus_margin", List.of(graph.op("Neg", "minus_margin", List.of(margin))));
        return graph.op("Div", "probability", List.of(one, graph.op("Add", "one_plus_exp", List.of(one, exp))));
    }

    /** {@code 1f / (1f + (float) exp((double) -margin))}: netsec's float32 sigmoid, the exponential in double. */
    private static String sigmoidFloat(GraphBuilder graph, String margin) {
        String one = graph.floats("one_float", new long[0], 1f);
        String minus = graph.op("Cast", "minus_margin_double", List.of(graph.op("Neg", "minus_margin", List.of(margin))),
                attribute("to", TensorProto.DataType.DOUBLE_VALUE));
        String exp = graph.op("Cast", "exp_minus_margin_float", List.of(graph.op("Exp", "exp_minus_margin", List.of(minus))),
                attribute("to", TensorProto.DataType.FLOAT_VALUE));
        return graph.op("Div", "probability_float", List.of(one, graph.op("Add", "one_plus_exp", List.of(one, exp))));
    }

    /**
     * The logistic model on the {@code [F, N]} input: the terms {@code w[i] * x[i]} as rows under a
     * row of the bias, summed down the rows by {@code CumSum} (each row added to the sum of those
     * above, in order), and the last row's sums through the sigmoid.
     */
    private static String linear(GraphBuilder graph, LinearModel linear, String input) {
        double[] weights = linear.weights();
        String terms = graph.op("Mul", "terms", List.of(input, graph.doubles("weights", new long[] {weights.length, 1}, weights)));
        String batch = graph.op("Shape", "batch_size", List.of(input), attribute("start", 1));
        String rowShape = graph.op("Concat", "bias_row_shape", List.of(graph.int64s("one_row", new long[] {1}, 1), batch),
                attribute("axis", 0));
        String bias = graph.op("Expand", "bias_row", List.of(graph.doubles("bias", new long[] {1, 1}, linear.bias()), rowShape));
        String summands = graph.op("Concat", "bias_and_terms", List.of(bias, terms), attribute("axis", 0));
        String sums = graph.op("CumSum", "running_sums", List.of(summands, graph.int64s("first_axis", new long[0], 0)));
        String margin = graph.op("Gather", "margin", List.of(sums, graph.int64s("last_row", new long[0], weights.length)),
                attribute("axis", 0));
        return sigmoid(graph, margin);
    }

    /** What the leaves of the exported ensemble hold: which target and weight each netsec leaf becomes. */
    private enum Leaves {
        /** Two targets: each tree twice, once with its benign values (target 0), once with its threat values (target 1). */
        BENIGN_AND_THREAT,
        /** Two targets: each leaf votes for the class it favours (threat when threat > benign) with its tree's weight. */
        VOTES,
        /** One target: the leaf's threat value (a margin); the base score first, as a constant tree. */
        MARGIN
    }

    /** Collects TreeEnsemble's flat attribute arrays, one tree at a time. */
    static final class Nodes {
        final LongList featureIds = new LongList();
        final DoubleList splits = new DoubleList();
        final LongList trueIds = new LongList();
        final LongList trueLeafs = new LongList();
        final LongList falseIds = new LongList();
        final LongList falseLeafs = new LongList();
        final LongList missingTrue = new LongList();
        final LongList roots = new LongList();
        final LongList leafTargets = new LongList();
        final DoubleList leafWeights = new DoubleList();

        int addLeaf(long target, double weight) {
            leafTargets.add(target);
            leafWeights.add(weight);
            return leafTargets.size() - 1;
        }

        int addSplit(long feature, double split, boolean missingTrue) {
            featureIds.add(feature);
            splits.add(split);
            this.missingTrue.add(missingTrue ? 1 : 0);
            trueIds.add(0);
            trueLeafs.add(0);
            falseIds.add(0);
            falseLeafs.add(0);
            return featureIds.size() - 1;
        }

        /**
         * A tree that answers one value whatever the input (a root may not be a leaf): a split
         * whose two sides are two leaves of that value. Not one leaf on both sides: ONNX Runtime
         * (1.23) reads a root whose two sides have the same id as a leaf, and takes its value
         * from the leaf arrays at the split's own index, another tree's leaf (found when
         * AdaBoost's last tree was a leaf; see {@link #add} for the other such roots).
         */
        void addConstantTree(long target, double weight) {
            int root = addSplit(0, 0, false);
            link(root, addLeaf(target, weight), true, addLeaf(target, weight), true);
            roots.add(root);
        }

        void link(int split, int trueId, boolean trueLeaf, int falseId, boolean falseLeaf) {
            trueIds.set(split, trueId);
            trueLeafs.set(split, trueLeaf ? 1 : 0);
            falseIds.set(split, falseId);
            falseLeafs.set(split, falseLeaf ? 1 : 0);
        }
    }

    /**
     * One TreeEnsemble node over {@code input} ({@code [N, F]}, float when {@code inFloat}); returns
     * its {@code [N, targets]} output.
     */
    private static String ensemble(GraphBuilder graph, TreeEnsemble trees, String input, Leaves leaves, boolean inFloat) {
        int[] roots = trees.treeRoots();
        double[] treeWeights = trees.treeWeights();
        int[] feature = trees.feature();
        double[] threshold = trees.threshold();
        int[] left = trees.left();
        int[] right = trees.right();
        boolean[] missingLeft = trees.missingLeft();
        double[] threat = trees.threatValue();
        double[] benign = trees.benignValue();
        // How a split compares: in float when the ensemble is float32, in double otherwise; a
        // float32 ensemble summed in double (no exporter makes one) compares a double input with
        // the double threshold that gives the float comparison's answer.
        double[] split = new double[threshold.length];
        for (int i = 0; i < split.length; i++) {
            split[i] = !trees.float32() ? threshold[i] : inFloat ? (float) threshold[i] : FloatThresholds.asDouble((float) threshold[i]);
        }
        Nodes nodes = new Nodes();
        if (leaves == Leaves.MARGIN) {
            nodes.addConstantTree(0, trees.float32() ? (float) trees.baseScore() : trees.baseScore());
        }
        for (int t = 0; t < roots.length; t++) {
            int tree = t;
            switch (leaves) {
                case BENIGN_AND_THREAT -> {
                    addTree(nodes, roots[t], feature, split, left, right, missingLeft, leaf -> 0, leaf -> benign[leaf]);
                    addTree(nodes, roots[t], feature, split, left, right, missingLeft, leaf -> 1, leaf -> threat[leaf]);
                }
                case VOTES -> addTree(nodes, roots[t], feature, split, left, right, missingLeft,
                        leaf -> threat[leaf] > benign[leaf] ? 1 : 0, leaf -> treeWeights[tree]);
                case MARGIN -> addTree(nodes, roots[t], feature, split, left, right, missingLeft, leaf -> 0,
                        leaf -> trees.float32() ? (float) threat[leaf] : threat[leaf]);
            }
        }
        return treeEnsemble(graph, nodes, input, inFloat, leaves == Leaves.MARGIN ? 1 : 2,
                leaves == Leaves.MARGIN ? "margins" : "class_sums");
    }

    /** The TreeEnsemble node of {@code nodes} over {@code input}, with {@code targets} sums per row; returns its output. */
    static String treeEnsemble(GraphBuilder graph, Nodes nodes, String input, boolean inFloat, int targets, String name) {
        byte[] modes = new byte[nodes.featureIds.size()];
        java.util.Arrays.fill(modes, BRANCH_LT);
        TensorProto splits;
        TensorProto weights;
        if (inFloat) {
            splits = GraphBuilder.floatTensor("nodes_splits", new long[] {nodes.splits.size()}, nodes.splits.toFloats());
            weights = GraphBuilder.floatTensor("leaf_weights", new long[] {nodes.leafWeights.size()}, nodes.leafWeights.toFloats());
        } else {
            splits = GraphBuilder.doubleTensor("nodes_splits", new long[] {nodes.splits.size()}, nodes.splits.toArray());
            weights = GraphBuilder.doubleTensor("leaf_weights", new long[] {nodes.leafWeights.size()}, nodes.leafWeights.toArray());
        }
        return graph.node("TreeEnsemble", GraphBuilder.ML, name, List.of(input),
                attribute("n_targets", targets),
                attribute("aggregate_function", SUM),
                attribute("post_transform", 0),
                attribute("tree_roots", nodes.roots.toArray()),
                attribute("nodes_featureids", nodes.featureIds.toArray()),
                attribute("nodes_splits", splits),
                attribute("nodes_modes", GraphBuilder.uint8Tensor("nodes_modes", modes)),
                attribute("nodes_truenodeids", nodes.trueIds.toArray()),
                attribute("nodes_trueleafs", nodes.trueLeafs.toArray()),
                attribute("nodes_falsenodeids", nodes.falseIds.toArray()),
                attribute("nodes_falseleafs", nodes.falseLeafs.toArray()),
                attribute("nodes_missing_value_tracks_true", nodes.missingTrue.toArray()),
                attribute("leaf_targetids", nodes.leafTargets.toArray()),
                attribute("leaf_weights", weights));
    }

    /** Adds the tree rooted at netsec node {@code root}, its leaves' targets and weights by netsec leaf. */
    static void addTree(Nodes nodes, int root, int[] feature, double[] split, int[] left, int[] right,
                                boolean[] missingLeft, java.util.function.IntToLongFunction target,
                                java.util.function.IntToDoubleFunction weight) {
        if (feature[root] < 0) {
            nodes.addConstantTree(target.applyAsLong(root), weight.applyAsDouble(root));
            return;
        }
        nodes.roots.add(add(nodes, root, feature, split, left, right, missingLeft, target, weight));
    }

    /**
     * Adds netsec's split node {@code node} and what is below it; returns its id. An explicit
     * stack, not recursion: a J48 tree on many distinct values may be thousands of levels deep.
     */
    private static int add(Nodes nodes, int node, int[] feature, double[] split, int[] left, int[] right,
                           boolean[] missingLeft, java.util.function.IntToLongFunction target,
                           java.util.function.IntToDoubleFunction weight) {
        int rootId = nodes.addSplit(feature[node], split[node], missingLeft[node]);
        java.util.ArrayDeque<int[]> pending = new java.util.ArrayDeque<>(); // {netsec node, its id}
        pending.push(new int[] {node, rootId});
        while (!pending.isEmpty()) {
            int[] next = pending.pop();
            int[] ids = new int[2];
            boolean[] isLeaf = new boolean[2];
            int[] children = {left[next[0]], right[next[0]]};
            for (int side = 0; side < 2; side++) {
                int child = children[side];
                isLeaf[side] = feature[child] < 0;
                if (isLeaf[side]) {
                    ids[side] = nodes.addLeaf(target.applyAsLong(child), weight.applyAsDouble(child));
                } else {
                    ids[side] = nodes.addSplit(feature[child], split[child], missingLeft[child]);
                    pending.push(new int[] {child, ids[side]});
                }
            }
            if (next[1] == rootId && ids[0] == ids[1]) {
                // ONNX Runtime (1.23) takes a root whose two sides have the same id for a leaf
                // (it does not look at the leaf flags there): the leaf side takes a copy of its
                // leaf under the next id, and the first copy is never reached
                int side = isLeaf[0] ? 0 : 1;
                ids[side] = nodes.addLeaf(target.applyAsLong(children[side]), weight.applyAsDouble(children[side]));
            }
            nodes.link(next[1], ids[0], isLeaf[0], ids[1], isLeaf[1]);
        }
        return rootId;
    }

    /** A growable list of longs (TreeEnsemble's attributes have a value per node: boxing them would not do). */
    private static final class LongList {
        private long[] values = new long[64];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void set(int index, long value) {
            values[index] = value;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    private static final class DoubleList {
        private double[] values = new double[64];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }

        /** The values as floats: each is a float already (thresholds and leaves of a float32 ensemble). */
        float[] toFloats() {
            float[] floats = new float[size];
            for (int i = 0; i < size; i++) {
                floats[i] = (float) values[i];
            }
            return floats;
        }
    }
}
