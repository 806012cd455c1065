package io.netsec.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;

/**
 * A multinomial logistic model: class {@code k}'s margin is
 * {@code v[k] = intercepts[k] + weights[k] . x} (the sum starts at the intercept and adds the
 * terms in input order, as {@link LinearModel}), and
 * {@code p[k] = 1 / sum over n of exp(v[n] - v[k])}, the softmax in the form Weka's Logistic
 * computes it (no {@code exp} of a large margin, so nothing overflows to NaN). Weka's K-class
 * Logistic keeps K - 1 coefficient vectors and the last class at 0: a row of zeros here, last.
 * Class 0 is the benign class.
 *
 * @param classes    the class names, the benign class first
 * @param weights    one row of weights per class, each as long as the input
 * @param intercepts one intercept per class
 */
public record ClassLinear(List<String> classes, double[][] weights, double[] intercepts) implements ClassModel {

    @JsonCreator
    public ClassLinear(@JsonProperty("classes") List<String> classes, @JsonProperty("weights") double[][] weights,
                       @JsonProperty("intercepts") double[] intercepts) {
        if (classes == null || weights == null || intercepts == null) {
            throw new IllegalArgumentException("a class linear model needs 'classes', 'weights' and 'intercepts'");
        }
        this.classes = ClassChecks.classNames(classes);
        if (weights.length != this.classes.size() || intercepts.length != this.classes.size()) {
            throw new IllegalArgumentException("a class linear model of " + this.classes.size() + " classes has "
                    + weights.length + " rows of weights and " + intercepts.length + " intercepts; it needs one of each per class");
        }
        double[][] rows = new double[weights.length][];
        for (int k = 0; k < weights.length; k++) {
            if (weights[k] == null || weights[k].length == 0 || weights[k].length != weights[0].length) {
                throw new IllegalArgumentException("the weights of class " + k + " are not a row as long as class 0's ("
                        + (weights[0] == null ? 0 : weights[0].length) + ", and more than 0)");
            }
            for (int i = 0; i < weights[k].length; i++) {
                if (!Double.isFinite(weights[k][i])) {
                    throw new IllegalArgumentException("weight " + i + " of class " + k + " is " + weights[k][i]
                            + "; weights must be finite");
                }
            }
            if (!Double.isFinite(intercepts[k])) {
                throw new IllegalArgumentException("the intercept of class " + k + " is " + intercepts[k] + "; it must be finite");
            }
            rows[k] = weights[k].clone();
        }
        this.weights = rows;
        this.intercepts = intercepts.clone();
    }

    @Override
    public double[][] weights() {
        double[][] copy = new double[weights.length][];
        for (int k = 0; k < weights.length; k++) {
            copy[k] = weights[k].clone();
        }
        return copy;
    }

    @Override
    public double[] intercepts() {
        return intercepts.clone();
    }

    @Override
    public List<String> classNames() {
        return classes;
    }

    @Override
    public int classCount() {
        return classes.size();
    }

    @Override
    public int featureCount() {
        return weights[0].length;
    }

    /** Each class's margin {@code intercepts[k] + weights[k] . x}. */
    public double[] margins(double[] x) {
        double[] margins = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            double sum = intercepts[k];
            for (int i = 0; i < weights[k].length; i++) {
                sum += weights[k][i] * x[i];
            }
            margins[k] = sum;
        }
        return margins;
    }

    @Override
    public double[] classProbabilities(double[] x) {
        double[] v = margins(x);
        double[] p = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            double sum = 0;
            for (int n = 0; n < v.length; n++) {
                sum += Math.exp(v[n] - v[k]);
            }
            p[k] = 1 / sum;
        }
        return p;
    }

    /**
     * The threat probability's log-odds {@code log((1 - p0) / p0)} (the raw score), shared out
     * along the inputs: the bias is the log-odds of the intercepts alone; then, input by input in
     * order, the change of the log-odds when every class's margin adds that input's term is the
     * input's contribution. Exact: the steps add up to the raw score. With two classes it is
     * {@code (weights[1][i] - weights[0][i]) * x[i]}, as {@link LinearModel#explain}; with more,
     * another order of the inputs could share it differently.
     */
    @Override
    public Explanation explain(double[] x) {
        double[] margins = intercepts.clone();
        double bias = ClassOdds.benignVsRest(margins);
        double odds = bias;
        double[] contributions = new double[featureCount()];
        for (int i = 0; i < contributions.length; i++) {
            for (int k = 0; k < margins.length; k++) {
                margins[k] += weights[k][i] * x[i];
            }
            double next = ClassOdds.benignVsRest(margins);
            contributions[i] = next - odds;
            odds = next;
        }
        return new Explanation(odds, bias, contributions);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassLinear that && classes.equals(that.classes) && Arrays.deepEquals(weights, that.weights)
                && Arrays.equals(intercepts, that.intercepts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * classes.hashCode() + Arrays.deepHashCode(weights)) + Arrays.hashCode(intercepts);
    }

    @Override
    public String toString() {
        return "ClassLinear[classes=" + classes + ", features=" + featureCount() + "]";
    }
}
