package io.netsec.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A logistic model: {@code p = 1 / (1 + exp(-(bias + w . x)))}. The sum starts at the bias and
 * adds the terms in input order, the order Weka's Logistic uses, so scores match it exactly.
 */
public record LinearModel(double[] weights, double bias) implements PortableModel {

    @JsonCreator
    public LinearModel(@JsonProperty("weights") double[] weights, @JsonProperty("bias") double bias) {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("a linear model needs weights");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " of the linear model is " + weights[i]
                        + "; weights must be finite");
            }
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("the linear model's bias is " + bias + "; it must be finite");
        }
        this.weights = weights.clone();
        this.bias = bias;
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public int featureCount() {
        return weights.length;
    }

    /** {@code bias + w . x}. */
    public double margin(double[] x) {
        double sum = bias;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * x[i];
        }
        return sum;
    }

    @Override
    public double threatProbability(double[] x) {
        return 1.0 / (1.0 + Math.exp(-margin(x)));
    }

    @Override
    public Explanation explain(double[] x) {
        double[] contributions = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            contributions[i] = weights[i] * x[i];
        }
        return new Explanation(margin(x), bias, contributions);
    }
}
