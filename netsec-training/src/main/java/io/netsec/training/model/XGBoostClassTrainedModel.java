package io.netsec.training.model;

import io.netsec.core.model.ClassTrees;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** A trained {@code multi:softprob} XGBoost booster of attack families; holds native memory until closed. */
public final class XGBoostClassTrainedModel implements TrainedModel {

    private final Booster booster;
    private final int featureCount;
    private final List<String> classes;

    XGBoostClassTrainedModel(Booster booster, int featureCount, List<String> classes) {
        this.booster = booster;
        this.featureCount = featureCount;
        this.classes = List.copyOf(classes);
    }

    /** One minus the benign class's probability, in double, as the core's {@code ClassModel.threatProbability}. */
    @Override
    public double[] libraryThreatProbabilities(double[][] x) {
        float[][] predictions = predict(x, false);
        double[] result = new double[predictions.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = 1 - (double) predictions[i][0];
        }
        return result;
    }

    @Override
    public double[][] libraryClassProbabilities(double[][] x) {
        float[][] predictions = predict(x, false);
        double[][] result = new double[predictions.length][];
        for (int i = 0; i < result.length; i++) {
            result[i] = new double[predictions[i].length];
            for (int k = 0; k < predictions[i].length; k++) {
                result[i][k] = predictions[i][k];
            }
        }
        return result;
    }

    /** XGBoost's margin of every class for each row, in float as XGBoost computes them. */
    public float[][] libraryClassMargins(double[][] x) {
        return predict(x, true);
    }

    private float[][] predict(double[][] x, boolean margins) {
        DMatrix matrix = null;
        try {
            matrix = XGBoostMatrices.of(x, featureCount);
            return booster.predict(matrix, margins);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not score: " + e.getMessage(), e);
        } finally {
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }

    @Override
    public ClassTrees export() {
        try {
            return XGBoostModelJson.exportClasses(booster.toByteArray("json"), featureCount, classes);
        } catch (XGBoostError e) {
            throw new NotExportableException("XGBoost could not write its model as JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        booster.dispose();
    }
}
