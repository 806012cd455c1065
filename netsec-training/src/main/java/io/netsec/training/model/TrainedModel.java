package io.netsec.training.model;

import io.netsec.core.model.PortableModel;

/**
 * A model as the training library holds it. Close it to release native memory (XGBoost);
 * for Weka models closing does nothing.
 */
public interface TrainedModel extends AutoCloseable {

    /**
     * The threat probability of each row as the library itself computes it (the reference the
     * export is checked against); for a model of families, one minus the benign class's probability.
     */
    double[] libraryThreatProbabilities(double[][] x);

    /**
     * Each row's class probabilities as the library computes them, in the training matrix's class
     * order (class 0 benign; without families: benign, threat). A model of families overrides this;
     * the default is the binary model's {@code {1 - p, p}}.
     */
    default double[][] libraryClassProbabilities(double[][] x) {
        double[] threat = libraryThreatProbabilities(x);
        double[][] result = new double[threat.length][];
        for (int i = 0; i < threat.length; i++) {
            result[i] = new double[] {1 - threat[i], threat[i]};
        }
        return result;
    }

    /**
     * The model in the core's portable format, scoring as the library does: a
     * {@link io.netsec.core.model.ClassModel} when it was trained on families.
     *
     * @throws NotExportableException when this model cannot be exported exactly
     */
    PortableModel export();

    /** Releases library resources; never fails. */
    @Override
    void close();
}
