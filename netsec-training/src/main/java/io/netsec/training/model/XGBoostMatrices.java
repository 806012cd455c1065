package io.netsec.training.model;

import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Dense XGBoost matrices from our double rows; XGBoost works in float, NaN is missing. */
final class XGBoostMatrices {

    private XGBoostMatrices() {
    }

    /** A dense matrix of {@code x}; the caller disposes it. */
    static DMatrix of(double[][] x, int width) throws XGBoostError {
        float[] values = new float[Math.multiplyExact(x.length, width)];
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            if (row.length != width) {
                throw new IllegalArgumentException("row " + i + " has " + row.length + " values, expected " + width);
            }
            int offset = i * width;
            for (int f = 0; f < width; f++) {
                values[offset + f] = (float) row[f];
            }
        }
        return new DMatrix(values, x.length, width, Float.NaN);
    }
}
