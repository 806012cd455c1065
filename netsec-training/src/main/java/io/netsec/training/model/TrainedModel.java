package io.netsec.training.model;

import io.netsec.core.model.PortableModel;

/**
 * A model as the training library holds it. Close it to release native memory (XGBoost);
 * for Weka models closing does nothing.
 */
public interface TrainedModel extends AutoCloseable {

    /** The threat probability of each row as the library itself computes it (the reference the export is checked against). */
    double[] libraryThreatProbabilities(double[][] x);

    /**
     * The model in the core's portable format, scoring as the library does.
     *
     * @throws NotExportableException when this model cannot be exported exactly
     */
    PortableModel export();

    /** Releases library resources; never fails. */
    @Override
    void close();
}
