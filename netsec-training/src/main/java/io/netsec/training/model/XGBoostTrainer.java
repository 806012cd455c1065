package io.netsec.training.model;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * XGBoost gradient-boosted trees with the {@code binary:logistic} objective and the {@code hist}
 * tree method, exported as a float32 {@link io.netsec.core.model.TreeEnsemble.Aggregation#MARGIN_SUM}
 * ensemble whose margins equal XGBoost's bit for bit. On attack families (a matrix with classes)
 * the objective is {@code multi:softprob} with {@code num_class} K, exported as a float32 margin-sum
 * {@link io.netsec.core.model.ClassTrees}. Row weights (class weights) go to XGBoost as is.
 *
 * @param rounds          boosting rounds (one tree each)
 * @param maxDepth        the deepest a tree may grow
 * @param eta             the learning rate
 * @param subsample       the fraction of rows each tree sees, in (0, 1]
 * @param colsampleByTree the fraction of features each tree sees, in (0, 1]
 * @param threads         XGBoost's {@code nthread}; 0 for every available processor
 */
public record XGBoostTrainer(int rounds, int maxDepth, double eta, double subsample, double colsampleByTree,
                             int threads) implements Trainer {

    public XGBoostTrainer {
        if (rounds < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("rounds and max depth must be at least 1");
        }
        if (!(eta > 0) || !(subsample > 0 && subsample <= 1) || !(colsampleByTree > 0 && colsampleByTree <= 1)) {
            throw new IllegalArgumentException("eta must be > 0, subsample and colsample_bytree in (0, 1]");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must not be negative");
        }
    }

    @Override
    public String family() {
        return "xgboost";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("rounds", rounds);
        parameters.put("max_depth", maxDepth);
        parameters.put("eta", eta);
        parameters.put("subsample", subsample);
        parameters.put("colsample_bytree", colsampleByTree);
        return parameters;
    }

    @Override
    public double relativeCost() {
        // Measured on the phishing data: 200 rounds of depth 4 cost about one J48 tree, depth 6 about 2.5.
        return rounds / 200.0 * Math.pow(1.6, maxDepth - 4);
    }

    @Override
    public XGBoostTrainer withThreads(int newThreads) {
        return new XGBoostTrainer(rounds, maxDepth, eta, subsample, colsampleByTree, newThreads);
    }

    @Override
    public TrainedModel fit(TrainingMatrix data, long seed) {
        Map<String, Object> params = new HashMap<>();
        params.put("objective", data.hasFamilies() ? "multi:softprob" : "binary:logistic");
        if (data.hasFamilies()) {
            params.put("num_class", data.classCount());
        }
        params.put("tree_method", "hist");
        params.put("max_depth", maxDepth);
        params.put("eta", eta);
        params.put("subsample", subsample);
        params.put("colsample_bytree", colsampleByTree);
        params.put("nthread", threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
        params.put("seed", seed);
        params.put("verbosity", 0);
        DMatrix matrix = null;
        try {
            matrix = XGBoostMatrices.of(data.x(), data.featureCount());
            float[] labels = new float[data.rowCount()];
            int[] y = data.y();
            for (int i = 0; i < labels.length; i++) {
                labels[i] = y[i];
            }
            matrix.setLabel(labels);
            if (data.weights() != null) {
                float[] weights = new float[data.rowCount()];
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = (float) data.weights()[i];
                }
                matrix.setWeight(weights);
            }
            Booster booster = XGBoost.train(matrix, params, rounds, Map.of(), null, null);
            return data.hasFamilies() ? new XGBoostClassTrainedModel(booster, data.featureCount(), data.classes())
                    : new XGBoostTrainedModel(booster, data.featureCount());
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not train: " + e.getMessage(), e);
        } finally {
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }
}
