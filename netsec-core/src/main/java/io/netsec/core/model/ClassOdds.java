package io.netsec.core.model;

/**
 * The arithmetic the class models share: a softmax of class margins, and the benign-vs-rest
 * log-odds that their explanations share out. Written by hand: Commons Math has no softmax, and
 * each model must reproduce its library's own operations in their order to answer its bits.
 */
final class ClassOdds {

    private ClassOdds() {
    }

    /**
     * The threat probability's log-odds, {@code log((1 - p0) / p0)}, for class margins whose
     * softmax gives {@code p}: {@code log(sum over k >= 1 of exp(m[k])) - m[0]}, with the largest
     * threat margin taken out first so that no {@code exp} overflows.
     */
    static double benignVsRest(double[] margins) {
        double largest = Double.NEGATIVE_INFINITY;
        for (int k = 1; k < margins.length; k++) {
            largest = Math.max(largest, margins[k]);
        }
        double sum = 0;
        for (int k = 1; k < margins.length; k++) {
            sum += Math.exp(margins[k] - largest);
        }
        return largest + Math.log(sum) - margins[0];
    }

    /** The softmax of margins in double: the largest taken out, then {@code exp(m[k] - max) / sum}. */
    static double[] softmax(double[] margins) {
        double largest = Double.NEGATIVE_INFINITY;
        for (double m : margins) {
            largest = Math.max(largest, m);
        }
        double[] p = new double[margins.length];
        double sum = 0;
        for (int k = 0; k < margins.length; k++) {
            p[k] = Math.exp(margins[k] - largest);
            sum += p[k];
        }
        for (int k = 0; k < margins.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /**
     * XGBoost's softmax of float margins (its {@code common::Softmax}, which
     * {@code multi:softprob} applies): the largest margin in float, each {@code exp} in float,
     * their sum in double, each share divided by that sum rounded to float.
     */
    static double[] softmax(float[] margins) {
        float largest = margins[0];
        for (int k = 1; k < margins.length; k++) {
            largest = Math.max(margins[k], largest);
        }
        float[] e = new float[margins.length];
        double sum = 0;
        for (int k = 0; k < margins.length; k++) {
            e[k] = (float) Math.exp(margins[k] - largest);
            sum += e[k];
        }
        double[] p = new double[margins.length];
        for (int k = 0; k < margins.length; k++) {
            p[k] = e[k] / (float) sum;
        }
        return p;
    }
}
