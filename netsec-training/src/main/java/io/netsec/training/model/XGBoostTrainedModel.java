package io.netsec.training.model;

import io.netsec.core.model.TreeEnsemble;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** A trained XGBoost booster; holds native memory until closed. */
public final class XGBoostTrainedModel implements TrainedModel {

    private final Booster booster;
    private final int featureCount;

    XGBoostTrainedModel(Booster booster, int featureCount) {
        this.booster = booster;
        this.featureCount = featureCount;
    }

    @Override
    public double[] libraryThreatProbabilities(double[][] x) {
        float[] probabilities = predict(x, false);
        double[] result = new double[probabilities.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = probabilities[i];
        }
        return result;
    }

    /** XGBoost's margins (before the sigmoid) for each row, in float as XGBoost computes them. */
    public float[] libraryMargins(double[][] x) {
        return predict(x, true);
    }

    private float[] predict(double[][] x, boolean margins) {
        DMatrix matrix = null;
        try {
            matrix = XGBoostMatrices.of(x, featureCount);
            float[][] predictions = booster.predict(matrix, margins);
            float[] result = new float[predictions.length];
            for (int i = 0; i < result.length; i++) {
                result[i] = predictions[i][0];
            }
            return result;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not score: " + e.getMessage(), e);
        } finally {
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }

    @Override
    public TreeEnsemble export() {
        try {
            return XGBoostModelJson.export(booster.toByteArray("json"), featureCount);
        } catch (XGBoostError e) {
            throw new NotExportableException("XGBoost could not write its model as JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        booster.dispose();
    }
}
