package io.netsec.experiment.metrics;

/**
 * One class's figures against the rest, at a threshold.
 *
 * @param name      the class name (the benign name for class 0, else the family)
 * @param precision share of the rows called this class that are of it; 0 when none is called it
 * @param recall    share of this class's rows called it; 0 when it has no row (scikit-learn's
 *                  {@code zero_division=0})
 * @param f1        harmonic mean of precision and recall; 0 when both are 0
 * @param support   the rows of this class
 * @param rocAucOvr the class's one-vs-rest ROC AUC from its probability column; NaN when the class
 *                  has no row or every row
 */
public record ClassFigures(String name, double precision, double recall, double f1, long support, double rocAucOvr) {
}
