package io.netsec.training.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netsec.core.model.TreeEnsemble;
import java.io.IOException;

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
 */
final class XGBoostModelJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private XGBoostModelJson() {
    }

    static TreeEnsemble export(byte[] json, int featureCount) {
        JsonNode learner;
        try {
            learner = JSON.readTree(json).path("learner");
        } catch (IOException e) {
            throw new NotExportableException("XGBoost's JSON model does not parse: " + e.getMessage(), e);
        }
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
            new TreeReader(tree, featureCount, builder).add(0);
        }
        return builder.build(featureCount, TreeEnsemble.Aggregation.MARGIN_SUM, true, baseMargin);
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
        private final TreeEnsembleBuilder builder;

        TreeReader(JsonNode tree, int featureCount, TreeEnsembleBuilder builder) {
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
                return builder.addLeaf(splitConditions[node], 0);
            }
            int feature = splitIndices[node];
            if (feature < 0 || feature >= featureCount) {
                throw new NotExportableException("an XGBoost tree splits on feature " + feature
                        + " of " + featureCount);
            }
            int index = builder.addSplit(feature, splitConditions[node], defaultLeft[node], 0, 0);
            int left = add(leftChildren[node]);
            int right = add(rightChildren[node]);
            builder.link(index, left, right);
            meanValue[node] = coverWeightedMean(leftChildren[node], rightChildren[node]);
            builder.setValues(index, meanValue[node], 0);
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
