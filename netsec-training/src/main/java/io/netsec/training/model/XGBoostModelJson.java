package io.netsec.training.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netsec.core.model.ClassTrees;
import io.netsec.core.model.TreeEnsemble;
import io.netsec.experiment.export.TreeEnsembleBuilder;
import java.io.IOException;
import java.util.List;

/**
 * Reads XGBoost's JSON model format (the documented public format, not a text dump) into a
 * float32 {@link TreeEnsemble}.
 *
 * <p>Numbers are parsed straight to float from their decimal text, so every threshold and leaf
 * is XGBoost's float bit for bit. A vector goes to the left child when {@code x < split_condition}
 * and to the {@code default_left} side when missing. {@code base_score} is stored as a probability;
 * the ensemble starts from its logit computed in float, as XGBoost's {@code ProbToMargin} does.
 * Inner nodes get the cover-weighted ({@code sum_hessian}) mean of their children, the value
 * path attribution needs.
 *
 * <p>{@code multi:softprob} with {@code num_class} K exports as a float32
 * {@link ClassTrees.Aggregation#MARGIN_SUM} model: tree {@code t} adds to class
 * {@code tree_info[t]}, every class starts from {@code base_score} (the softmax objective's
 * margin is its base score unchanged, no logit), and the core's float softmax is XGBoost's.
 */
final class XGBoostModelJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private XGBoostModelJson() {
    }

    static TreeEnsemble export(byte[] json, int featureCount) {
        JsonNode learner = learner(json);
        String objective = learner.path("objective").path("name").asText();
        if (!objective.equals("binary:logistic")) {
            throw new NotExportableException("objective '" + objective + "' does not export; only binary:logistic");
        }
        JsonNode booster = learner.path("gradient_booster");
        if (!booster.path("name").asText().equals("gbtree")) {
            throw new NotExportableException("booster '" + booster.path("name").asText() + "' does not export; only gbtree");
        }
        float baseScore = Float.parseFloat(learner.path("learner_model_param").path("base_score").asText());
        if (!(baseScore > 0 && baseScore < 1)) {
            throw new NotExportableException("base_score " + baseScore + " is not a probability");
        }
        float baseMargin = (float) -Math.log(1.0f / baseScore - 1.0f);
        TreeEnsembleBuilder builder = new TreeEnsembleBuilder();
        JsonNode trees = booster.path("model").path("trees");
        if (!trees.isArray() || trees.isEmpty()) {
            throw new NotExportableException("XGBoost's JSON model has no trees");
        }
        for (JsonNode tree : trees) {
            builder.startTree(1.0);
            new TreeReader(tree, featureCount, binarySink(builder)).add(0);
        }
        return builder.build(featureCount, TreeEnsemble.Aggregation.MARGIN_SUM, true, baseMargin);
    }

    /** A {@code multi:softprob} model of the classes {@code classes} (class 0 benign, as trained). */
    static ClassTrees exportClasses(byte[] json, int featureCount, List<String> classes) {
        JsonNode learner = learner(json);
        String objective = learner.path("objective").path("name").asText();
        if (!objective.equals("multi:softprob")) {
            throw new NotExportableException("objective '" + objective + "' does not export as classes; only multi:softprob");
        }
        JsonNode booster = learner.path("gradient_booster");
        if (!booster.path("name").asText().equals("gbtree")) {
            throw new NotExportableException("booster '" + booster.path("name").asText() + "' does not export; only gbtree");
        }
        int classCount = classes.size();
        int numClass = learner.path("learner_model_param").path("num_class").asInt(-1);
        if (numClass != classCount) {
            throw new NotExportableException("XGBoost's model has " + numClass + " classes, expected " + classCount);
        }
        float baseScore = Float.parseFloat(learner.path("learner_model_param").path("base_score").asText());
        if (!Float.isFinite(baseScore)) {
            throw new NotExportableException("base_score " + baseScore + " is not finite");
        }
        double[] baseScores = new double[classCount];
        java.util.Arrays.fill(baseScores, baseScore);
        JsonNode trees = booster.path("model").path("trees");
        JsonNode treeInfo = booster.path("model").path("tree_info");
        if (!trees.isArray() || trees.isEmpty() || !treeInfo.isArray() || treeInfo.size() != trees.size()) {
            throw new NotExportableException("XGBoost's JSON model has no trees, or no class for each tree");
        }
        ClassTreesBuilder builder = new ClassTreesBuilder(classCount);
        for (int t = 0; t < trees.size(); t++) {
            int forClass = treeInfo.get(t).asInt(-1);
            if (forClass < 0 || forClass >= classCount) {
                throw new NotExportableException("XGBoost's tree " + t + " adds to class " + forClass + " of " + classCount);
            }
            builder.startTree(forClass);
            new TreeReader(trees.get(t), featureCount, classSink(builder, classCount, forClass)).add(0);
        }
        return builder.buildMarginSum(featureCount, classes, baseScores);
    }

    private static JsonNode learner(byte[] json) {
        try {
            return JSON.readTree(json).path("learner");
        } catch (IOException e) {
            throw new NotExportableException("XGBoost's JSON model does not parse: " + e.getMessage(), e);
        }
    }

    /** Where a tree's nodes go: one value per node (a margin, or its subtree's mean margin at an inner node). */
    private interface NodeSink {
        int addLeaf(double value);

        int addSplit(int feature, double threshold, boolean defaultLeft);

        void link(int node, int left, int right);

        void setValue(int node, double value);
    }

    private static NodeSink binarySink(TreeEnsembleBuilder builder) {
        return new NodeSink() {
            public int addLeaf(double value) {
                return builder.addLeaf(value, 0);
            }

            public int addSplit(int feature, double threshold, boolean defaultLeft) {
                return builder.addSplit(feature, threshold, defaultLeft, 0, 0);
            }

            public void link(int node, int left, int right) {
                builder.link(node, left, right);
            }

            public void setValue(int node, double value) {
                builder.setValues(node, value, 0);
            }
        };
    }

    /** A margin tree of one class: its value in that class's column, 0 in the others (as the core requires). */
    private static NodeSink classSink(ClassTreesBuilder builder, int classCount, int forClass) {
        return new NodeSink() {
            public int addLeaf(double value) {
                return builder.addLeaf(column(value));
            }

            public int addSplit(int feature, double threshold, boolean defaultLeft) {
                return builder.addSplit(feature, threshold, defaultLeft, new double[classCount]);
            }

            public void link(int node, int left, int right) {
                builder.link(node, left, right);
            }

            public void setValue(int node, double value) {
                builder.setValues(node, column(value));
            }

            private double[] column(double value) {
                double[] values = new double[classCount];
                values[forClass] = value;
                return values;
            }
        };
    }

    /** The node arrays of one tree, as XGBoost writes them. */
    private static final class TreeReader {
        private final int[] leftChildren;
        private final int[] rightChildren;
        private final int[] splitIndices;
        private final float[] splitConditions;
        private final boolean[] defaultLeft;
        private final double[] sumHessian;
        /** Filled bottom-up while adding: each node's leaf value or cover-weighted mean. */
        private final double[] meanValue;
        private final int featureCount;
        private final NodeSink builder;

        TreeReader(JsonNode tree, int featureCount, NodeSink builder) {
            this.leftChildren = ints(tree, "left_children");
            this.rightChildren = ints(tree, "right_children");
            this.splitIndices = ints(tree, "split_indices");
            JsonNode conditions = array(tree, "split_conditions");
            this.splitConditions = new float[conditions.size()];
            for (int i = 0; i < splitConditions.length; i++) {
                splitConditions[i] = Float.parseFloat(conditions.get(i).asText());
            }
            JsonNode defaults = array(tree, "default_left");
            this.defaultLeft = new boolean[defaults.size()];
            for (int i = 0; i < defaultLeft.length; i++) {
                defaultLeft[i] = defaults.get(i).asBoolean();
            }
            JsonNode hessians = array(tree, "sum_hessian");
            this.sumHessian = new double[hessians.size()];
            for (int i = 0; i < sumHessian.length; i++) {
                sumHessian[i] = hessians.get(i).asDouble();
            }
            int nodes = leftChildren.length;
            if (rightChildren.length != nodes || splitIndices.length != nodes || splitConditions.length != nodes
                    || defaultLeft.length != nodes || sumHessian.length != nodes || nodes == 0) {
                throw new NotExportableException("an XGBoost tree has node arrays of different lengths");
            }
            this.meanValue = new double[nodes];
            this.featureCount = featureCount;
            this.builder = builder;
        }

        /** Adds XGBoost node {@code node} and its subtree in pre-order; returns the new index. */
        int add(int node) {
            if (leftChildren[node] == -1) {
                meanValue[node] = splitConditions[node];
                return builder.addLeaf(splitConditions[node]);
            }
            int feature = splitIndices[node];
            if (feature < 0 || feature >= featureCount) {
                throw new NotExportableException("an XGBoost tree splits on feature " + feature
                        + " of " + featureCount);
            }
            int index = builder.addSplit(feature, splitConditions[node], defaultLeft[node]);
            int left = add(leftChildren[node]);
            int right = add(rightChildren[node]);
            builder.link(index, left, right);
            meanValue[node] = coverWeightedMean(leftChildren[node], rightChildren[node]);
            builder.setValue(index, meanValue[node]);
            return index;
        }

        /** The mean answer of two sibling subtrees over the training rows, weighted by hessian (cover). */
        private double coverWeightedMean(int left, int right) {
            double cover = sumHessian[left] + sumHessian[right];
            if (!(cover > 0)) {
                return (meanValue[left] + meanValue[right]) / 2;
            }
            return (sumHessian[left] * meanValue[left] + sumHessian[right] * meanValue[right]) / cover;
        }

        private static int[] ints(JsonNode tree, String name) {
            JsonNode values = array(tree, name);
            int[] result = new int[values.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = values.get(i).asInt();
            }
            return result;
        }

        private static JsonNode array(JsonNode tree, String name) {
            JsonNode values = tree.path(name);
            if (!values.isArray()) {
                throw new NotExportableException("an XGBoost tree lacks '" + name + "'");
            }
            return values;
        }
    }
}
